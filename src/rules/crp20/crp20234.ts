/**
 * CRP20234 — pago20:Pago@SelloPago.
 *
 * SAT: El campo SelloPago se debe registrar.
 *
 * Required when TipoCadPago is present.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20234 = defineRule({
  code: 'CRP20234',
  node: 'pago20:Pago',
  attribute: 'SelloPago',
  message: 'El campo SelloPago se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago !== undefined && pago.SelloPago === undefined) r.error({ node: pagoNode(i), attribute: 'SelloPago', value: pago.SelloPago });
    });
  },
});
