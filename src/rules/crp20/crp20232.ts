/**
 * CRP20232 — pago20:Pago@CadPago.
 *
 * SAT: El campo CadPago se debe registrar.
 *
 * Required when TipoCadPago is present.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20232 = defineRule({
  code: 'CRP20232',
  node: 'pago20:Pago',
  attribute: 'CadPago',
  message: 'El campo CadPago se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago !== undefined && pago.CadPago === undefined) r.error({ node: pagoNode(i), attribute: 'CadPago', value: pago.CadPago });
    });
  },
});
