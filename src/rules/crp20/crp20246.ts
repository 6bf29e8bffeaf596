/**
 * CRP20246 — pago20:Pago/DoctoRelacionado@ObjetoImpDR.
 *
 * SAT: El nodo hijo ImpuestosDR del nodo DoctoRelacionado debe existir.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20246 = defineRule({
  code: 'CRP20246',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ObjetoImpDR',
  message: 'El nodo hijo ImpuestosDR del nodo DoctoRelacionado debe existir.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.ObjetoImpDR === '02' && d.ImpuestosDR === undefined) r.error({ node, attribute: 'ObjetoImpDR', value: d.ObjetoImpDR });
    }
  },
});
