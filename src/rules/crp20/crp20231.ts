/**
 * CRP20231 — pago20:Pago@CertPago.
 *
 * SAT: El campo CertPago no se debe registrar.
 *
 * Allowed only with TipoCadPago.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20231 = defineRule({
  code: 'CRP20231',
  node: 'pago20:Pago',
  attribute: 'CertPago',
  message: 'El campo CertPago no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago === undefined && pago.CertPago !== undefined) r.error({ node: pagoNode(i), attribute: 'CertPago', value: pago.CertPago });
    });
  },
});
