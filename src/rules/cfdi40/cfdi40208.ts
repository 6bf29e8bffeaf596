/**
 * CFDI40208 — cfdi:Impuestos:Retenciones/Retencion@Impuesto.
 *
 * SAT: Debe haber sólo un registro por cada tipo de impuesto retenido.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40208 = defineRule({
  code: 'CFDI40208',
  node: 'cfdi:Impuestos:Retenciones/Retencion',
  attribute: 'Impuesto',
  message: 'Debe haber sólo un registro por cada tipo de impuesto retenido.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Retenciones ?? [];
    if (rows.length === 0) return r.notApplicable('no document Retenciones');
    const seen = new Set<string>();
    rows.forEach((t, j) => {
      if (seen.has(t.Impuesto)) r.error({ node: `Impuestos/Retenciones/Retencion[${j + 1}]`, value: t.Impuesto });
      seen.add(t.Impuesto);
    });
  },
});
