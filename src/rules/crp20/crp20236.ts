/**
 * CRP20236 — pago20:Pago/DoctoRelacionado@MonedaDR.
 *
 * SAT: El valor del campo MonedaDR debe ser distinto de "XXX"
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20236 = defineRule({
  code: 'CRP20236',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'MonedaDR',
  message: 'El valor del campo MonedaDR debe ser distinto de "XXX"',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.MonedaDR === 'XXX') r.error({ node, attribute: 'MonedaDR', value: d.MonedaDR });
    }
  },
});
