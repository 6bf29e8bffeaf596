/**
 * CRP20277 — pago20:Pago/DoctoRelacionado@EquivalenciaDR.
 *
 * SAT: El valor de EquivalenciaDR para la fórmula del cálculo del margen de variación debe ser
 * “1.0000000000”.
 *
 * Same currency: the margin formula takes EquivalenciaDR as exactly 1, written `1` or
 * `1.0000000000`; another spelling of one (`1.00`) is refused here, another value by CRP20238.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20277 = defineRule({
  code: 'CRP20277',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'EquivalenciaDR',
  message: 'El valor de EquivalenciaDR  para la fórmula del cálculo del margen de variación debe ser “1.0000000000”.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.MonedaDR === pago.MonedaP && d.EquivalenciaDR !== undefined && d.EquivalenciaDR !== '1' && d.EquivalenciaDR !== '1.0000000000') r.error({ node, attribute: 'EquivalenciaDR', value: d.EquivalenciaDR });
    }
  },
});
