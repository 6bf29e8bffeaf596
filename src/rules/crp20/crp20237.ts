/**
 * CRP20237 — pago20:Pago/DoctoRelacionado@EquivalenciaDR.
 *
 * SAT: El campo EquivalenciaDR se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20237 = defineRule({
  code: 'CRP20237',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'EquivalenciaDR',
  message: 'El campo EquivalenciaDR se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.MonedaDR !== pago.MonedaP && d.EquivalenciaDR === undefined) r.error({ node, attribute: 'EquivalenciaDR', value: d.EquivalenciaDR });
    }
  },
});
