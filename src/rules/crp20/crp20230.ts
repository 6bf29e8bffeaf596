/**
 * CRP20230 — pago20:Pago@CertPago.
 *
 * SAT: El campo CertPago se debe registrar.
 *
 * Required when TipoCadPago is present.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20230 = defineRule({
  code: 'CRP20230',
  node: 'pago20:Pago',
  attribute: 'CertPago',
  message: 'El campo CertPago se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.TipoCadPago !== undefined && pago.CertPago === undefined) r.error({ node: pagoNode(i), attribute: 'CertPago', value: pago.CertPago });
    });
  },
});
