/**
 * CRP20213 — pago20:Pago@MonedaP.
 *
 * SAT: El campo MonedaP debe ser distinto de "XXX"
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20213 = defineRule({
  code: 'CRP20213',
  node: 'pago20:Pago',
  attribute: 'MonedaP',
  message: 'El campo MonedaP debe ser distinto de "XXX"',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.MonedaP === 'XXX') r.error({ node: pagoNode(i), attribute: 'MonedaP', value: pago.MonedaP });
    });
  },
});
