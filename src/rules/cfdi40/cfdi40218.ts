/**
 * CFDI40218 — cfdi:Impuestos:Traslados/Traslado@Impuesto.
 *
 * SAT: Debe haber sólo un registro con la misma combinación de impuesto, factor y tasa por
 * cada traslado.
 *
 * Rates are compared numerically (0.16 and 0.160000 are the same group).
 */
import { defineRule } from '../define-rule.ts';
import { trasladoGroupKey } from '../helpers.ts';

export const cfdi40218 = defineRule({
  code: 'CFDI40218',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Impuesto',
  message: 'Debe haber sólo un registro con la misma combinación de impuesto, factor y tasa por cada traslado.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    const seen = new Set<string>();
    rows.forEach((t, j) => {
      const key = trasladoGroupKey(t);
      if (seen.has(key)) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: key });
      seen.add(key);
    });
  },
});
