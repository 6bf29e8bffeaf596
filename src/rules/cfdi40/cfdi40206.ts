/**
 * CFDI40206 — cfdi:Impuestos:Retenciones@Retenciones.
 *
 * SAT: Debe existir el atributo TotalImpuestosRetenidos.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40206 = defineRule({
  code: 'CFDI40206',
  node: 'cfdi:Impuestos:Retenciones',
  attribute: 'Retenciones',
  message: 'Debe existir el campo TotalImpuestosRetenidos.',
  check(c, _ctx, r) {
    const imp = c.Impuestos;
    if (!imp || imp.Retenciones.length === 0) return r.notApplicable('no document Retenciones');
    if (imp.TotalImpuestosRetenidos === undefined) r.error({ node: 'Impuestos', attribute: 'TotalImpuestosRetenidos' });
  },
});
