/**
 * CRP20223 — pago20:Pago@NomBancoOrdExt.
 *
 * SAT: El campo NomBancoOrdExt se debe registrar.
 *
 * Required when the ordering account's bank is foreign (RfcEmisorCtaOrd XEXX010101000).
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20223 = defineRule({
  code: 'CRP20223',
  node: 'pago20:Pago',
  attribute: 'NomBancoOrdExt',
  message: 'El campo NomBancoOrdExt se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.RfcEmisorCtaOrd === 'XEXX010101000' && pago.NomBancoOrdExt === undefined) r.error({ node: pagoNode(i), attribute: 'NomBancoOrdExt' });
    });
  },
});
