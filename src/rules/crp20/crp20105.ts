/**
 * CRP20105 — cfdi:Comprobante@FormaPago.
 *
 * SAT: El campo FormaPago no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20105 = defineRule({
  code: 'CRP20105',
  node: 'cfdi:Comprobante',
  attribute: 'FormaPago',
  message: 'El campo FormaPago no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.FormaPago !== undefined) r.error({ node: 'Comprobante', attribute: 'FormaPago', value: c.FormaPago });
  },
});
