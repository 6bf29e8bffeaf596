/**
 * CRP20247 — pago20:Pago/DoctoRelacionado@ObjetoImpDR.
 *
 * SAT: El nodo hijo Impuestos del nodo concepto, no debe existir.
 *
 * ImpuestosDR must not exist when ObjetoImpDR is 01, 03, 04 or 05.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20247 = defineRule({
  code: 'CRP20247',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ObjetoImpDR',
  message: 'El nodo hijo Impuestos del nodo concepto, no debe existir.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (['01', '03', '04', '05'].includes(d.ObjetoImpDR) && d.ImpuestosDR !== undefined) r.error({ node, attribute: 'ObjetoImpDR', value: d.ObjetoImpDR });
    }
  },
});
