/**
 * CFDI40179 — cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado@TasaOCuota.
 *
 * SAT: Si el valor registrado es fijo debe corresponder a un valor del catálogo c_TasaOCuota,
 * coincidir con el tipo de impuesto registrado en el atributo Impuesto y el factor debe
 * corresponder con el atributo TipoFactor.
 *
 * A c_TasaOCuota row of the same impuesto and factor, allowed for traslado, valid at Fecha:
 * `Fijo` rows must equal the value, `Rango` rows contain it (minimo ≤ value ≤ maximo).
 */
import { c_Impuesto, lookup, tasaOCuotaRows } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode, fitsTasa, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40179 = defineRule({
  code: 'CFDI40179',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado',
  attribute: 'TasaOCuota',
  message: 'El valor del campo TasaOCuota que corresponde a Traslado no contiene un valor del catálogo c_TasaOcuota o se encuentra fuera de rango.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Traslados ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Traslados/Traslado[${j + 1}]`;
        if (t.TipoFactor !== 'Tasa' && t.TipoFactor !== 'Cuota') return;
        const v = t.TasaOCuota;
        if (!isAmount(v)) return;
        if (!lookup(c_Impuesto, t.Impuesto, c.Fecha)?.traslado) return r.notChecked(trasOtroError(`el impuesto ${t.Impuesto} no se traslada`, 'CFDI40175'), { node });
        const rows = tasaOCuotaRows(t.Impuesto, t.TipoFactor, 'traslado', c.Fecha);
        const fits = rows.some((row) => fitsTasa(v, row));
        if (!fits) r.error({ node, attribute: 'TasaOCuota', value: t.TasaOCuota, detail: `impuesto ${t.Impuesto}, ${t.TipoFactor}, traslado` });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Traslados');
  },
});
