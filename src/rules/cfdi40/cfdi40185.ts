/**
 * CFDI40185 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@TasaOCuota.
 *
 * SAT: Si el valor registrado es fijo debe corresponder a un valor del catálogo c_TasaOCuota,
 * coincidir con el tipo de impuesto registrado en el atributo Impuesto y el factor debe
 * corresponder con el atributo TipoFactor.
 *
 * A c_TasaOCuota row of the same impuesto and factor, allowed for retencion, valid at Fecha:
 * `Fijo` rows must equal the value, `Rango` rows contain it (minimo ≤ value ≤ maximo).
 */
import { c_Impuesto, lookup, tasaOCuotaRows } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode, fitsTasa, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40185 = defineRule({
  code: 'CFDI40185',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'TasaOCuota',
  message: 'El valor del campo TasaOCuota que corresponde a Retención, no contiene un valor del catálogo c_TasaOcuota o se encuentra fuera de rango.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        if (t.TipoFactor !== 'Tasa' && t.TipoFactor !== 'Cuota') return;
        const v = t.TasaOCuota;
        if (!isAmount(v)) return;
        if (!lookup(c_Impuesto, t.Impuesto, c.Fecha)?.retencion) return r.notChecked(trasOtroError(`el impuesto ${t.Impuesto} no se retiene`, 'CFDI40182'), { node });
        const rows = tasaOCuotaRows(t.Impuesto, t.TipoFactor, 'retencion', c.Fecha);
        const fits = rows.some((row) => fitsTasa(v, row));
        if (!fits) r.error({ node, attribute: 'TasaOCuota', value: t.TasaOCuota, detail: `impuesto ${t.Impuesto}, ${t.TipoFactor}, retencion` });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
