/**
 * CRP20212 — pago20:Pago@FormaDePagoP.
 *
 * SAT: El valor del campo FormaDePagoP debe ser distinto de "99".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20212 = defineRule({
  code: 'CRP20212',
  node: 'pago20:Pago',
  attribute: 'FormaDePagoP',
  message: 'El valor del campo FormaDePagoP debe ser distinto de "99".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.FormaDePagoP === '99') r.error({ node: pagoNode(i), attribute: 'FormaDePagoP', value: pago.FormaDePagoP });
    });
  },
});
