/**
 * CRP20215 — pago20:Pago@TipoCambioP.
 *
 * SAT: El campo TipoCambioP debe contener el valor "1".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { sameNumber } from '../helpers.ts';

export const crp20215 = defineRule({
  code: 'CRP20215',
  node: 'pago20:Pago',
  attribute: 'TipoCambioP',
  message: 'El campo TipoCambioP debe contener el valor "1".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (pago.MonedaP === 'MXN' && pago.TipoCambioP !== undefined && !sameNumber(pago.TipoCambioP, '1')) r.error({ node: pagoNode(i), attribute: 'TipoCambioP', value: pago.TipoCambioP });
    });
  },
});
