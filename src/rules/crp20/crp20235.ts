/**
 * CRP20235 — pago20:Pago@SelloPago.
 *
 * SAT: El campo SelloPago no se debe registrar.
 *
 * Allowed only with TipoCadPago.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20235 = defineRule({
  code: 'CRP20235',
  node: 'pago20:Pago',
  attribute: 'SelloPago',
  message: 'El campo SelloPago no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago === undefined && pago.SelloPago !== undefined) r.error({ node: pagoNode(i), attribute: 'SelloPago', value: pago.SelloPago });
    });
  },
});
