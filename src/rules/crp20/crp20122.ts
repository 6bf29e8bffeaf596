/**
 * CRP20122 — cfdi:Conceptos/Concepto@ObjetoImp.
 *
 * SAT: El valor del campo ObjetoImp debe ser "01".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20122 = defineRule({
  code: 'CRP20122',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ObjetoImp',
  message: 'El valor del campo ObjetoImp debe ser "01".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.ObjetoImp !== '01') r.error({ node: conceptoNode(i), attribute: 'ObjetoImp', value: k.ObjetoImp });
    });
  },
});
