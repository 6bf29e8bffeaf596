/**
 * CFDI40215 — cfdi:Impuestos:Traslados/Traslado@Base.
 *
 * SAT: Debe ser igual al redondeo de la suma de los importes de los atributos Base trasladados
 * registrados en los conceptos donde el impuesto del concepto sea igual al atributo impuesto
 * de este elemento y la TasaOCuota del concepto sea igual al atributo TasaOCuota de este
 * elemento.
 *
 * Groups the Conceptos' traslados by (Impuesto, TipoFactor, TasaOCuota), rates compared
 * numerically.
 */
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { conceptTraslados, isAmount, monedaDecimalesOr, sameNumber, trasladoGroupKey, trasOtroError } from '../helpers.ts';

export const cfdi40215 = defineRule({
  code: 'CFDI40215',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Base',
  message: 'El campo Importe correspondiente a Traslado no es igual al redondeo de la suma de los importes de las bases trasladados registrados en los conceptos donde el impuesto del concepto sea igual al campo impuesto de este elemento y la TasaOCuota del concepto sea igual al campo TasaOCuota de este elemento.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    const sums = new Map<string, string[]>();
    for (const t of conceptTraslados(c)) {
      const v = t.Base ?? '0';
      if (!isAmount(v)) return r.notChecked(trasOtroError('un importe de traslado de Concepto no es un número', 'CFDI40999'));
      const key = trasladoGroupKey(t);
      const group = sums.get(key);
      if (group) group.push(v);
      else sums.set(key, [v]);
    }

    let applies = false;
    rows.forEach((t, j) => {
      if (t.TipoFactor === 'Exento') return;
      applies = true;
      const expected = sumRounded(sums.get(trasladoGroupKey(t)) ?? [], d);
      if (!sameNumber(t.Base, expected)) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.Base, detail: `the rounded sum of the Conceptos' Base for ${trasladoGroupKey(t)} is ${expected}` });
    });
    if (!applies) r.notApplicable('only Exento rows');
  },
});
