/**
 * CRP20233 — pago20:Pago@CadPago.
 *
 * SAT: El campo CadPago no se debe registrar.
 *
 * Allowed only with TipoCadPago.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20233 = defineRule({
  code: 'CRP20233',
  node: 'pago20:Pago',
  attribute: 'CadPago',
  message: 'El campo CadPago no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago === undefined && pago.CadPago !== undefined) r.error({ node: pagoNode(i), attribute: 'CadPago', value: pago.CadPago });
    });
  },
});
