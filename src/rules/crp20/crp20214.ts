/**
 * CRP20214 — pago20:Pago@TipoCambioP.
 *
 * SAT: El campo TipoCambioP se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20214 = defineRule({
  code: 'CRP20214',
  node: 'pago20:Pago',
  attribute: 'TipoCambioP',
  message: 'El campo TipoCambioP se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.MonedaP !== 'MXN' && pago.MonedaP !== 'XXX' && pago.TipoCambioP === undefined) r.error({ node: pagoNode(i), attribute: 'TipoCambioP', value: pago.TipoCambioP });
    });
  },
});
