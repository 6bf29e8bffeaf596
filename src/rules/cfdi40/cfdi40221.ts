/**
 * CFDI40221 — cfdi:Impuestos:Traslados/Traslado@Importe.
 *
 * SAT: Debe ser igual al redondeo de la suma de los importes de los impuestos trasladados
 * registrados en los conceptos donde el impuesto del concepto sea igual al atributo impuesto
 * de este elemento y la TasaOCuota del concepto sea igual al atributo TasaOCuota de este
 * elemento.
 *
 * Groups as CFDI40215. Also reports a (Impuesto, TipoFactor, TasaOCuota) group of the
 * Conceptos that has no document Traslado row, also when there are no rows at all.
 */
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { conceptTraslados, isAmount, monedaDecimalesOr, sameNumber, trasladoGroupKey, trasOtroError } from '../helpers.ts';

export const cfdi40221 = defineRule({
  code: 'CFDI40221',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Importe',
  message: 'El campo Importe correspondiente a Traslado no es igual al redondeo de la suma de los importes de los impuestos trasladados registrados en los conceptos donde el impuesto del concepto sea igual al campo impuesto de este elemento y la TasaOCuota del concepto sea igual al campo TasaOCuota de este elemento.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    // No rows is only fine when the Conceptos carry none either: a group without its row is missing (issue 10).
    if (rows.length === 0 && conceptTraslados(c).length === 0) return r.notApplicable('no Traslados');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    const sums = new Map<string, string[]>();
    for (const t of conceptTraslados(c)) {
      const v = t.Importe ?? '0';
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
      if (!sameNumber(t.Importe ?? '0', expected)) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.Importe, detail: `the rounded sum of the Conceptos' Importe for ${trasladoGroupKey(t)} is ${expected}` });
    });
    const declared = new Set(rows.map(trasladoGroupKey));
    for (const key of sums.keys()) {
      if (!declared.has(key)) { applies = true; r.error({ node: 'Impuestos/Traslados', value: key, detail: `no Traslado row for the Conceptos' group ${key}` }); }
    }
    if (!applies) r.notApplicable('only Exento rows');
  },
});
