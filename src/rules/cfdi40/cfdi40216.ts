/**
 * CFDI40216 — cfdi:Impuestos:Traslados/Traslado@Base.
 *
 * SAT: En caso de que solo existan conceptos con TipoFactor Exento, la suma de este atributo
 * debe ser igual al redondeo de la suma de los importes de los atributos Base registrados en
 * los conceptos.
 */
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { conceptTraslados, isAmount, monedaDecimalesOr, sameNumber, trasladoGroupKey, trasOtroError } from '../helpers.ts';

export const cfdi40216 = defineRule({
  code: 'CFDI40216',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Base',
  message: 'El importe del campo Base correspondiente a Traslado no es igual al redondeo de la suma de los importes de las bases trasladados registrados en los conceptos.',
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
      if (t.TipoFactor !== 'Exento') return;
      applies = true;
      const expected = sumRounded(sums.get(trasladoGroupKey(t)) ?? [], d);
      if (!sameNumber(t.Base, expected)) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.Base, detail: `the rounded sum of the Conceptos' Exento Base for ${t.Impuesto} is ${expected}` });
    });
    if (!applies) r.notApplicable('no Exento row');
  },
});
