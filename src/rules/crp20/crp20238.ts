/**
 * CRP20238 — pago20:Pago/DoctoRelacionado@EquivalenciaDR.
 *
 * SAT: El campo EquivalenciaDR debe contener el valor "1".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';
import { sameNumber } from '../helpers.ts';

export const crp20238 = defineRule({
  code: 'CRP20238',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'EquivalenciaDR',
  message: 'El campo EquivalenciaDR debe contener el valor "1".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.MonedaDR === pago.MonedaP && d.EquivalenciaDR !== undefined && !sameNumber(d.EquivalenciaDR, '1')) r.error({ node, attribute: 'EquivalenciaDR', value: d.EquivalenciaDR });
    }
  },
});
