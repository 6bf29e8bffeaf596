/**
 * CRP20116 — cfdi:Conceptos/Concepto@ClaveUnidad.
 *
 * SAT: El valor del campo ClaveUnidad debe ser "ACT".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20116 = defineRule({
  code: 'CRP20116',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveUnidad',
  message: 'El valor del campo ClaveUnidad debe ser "ACT".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.ClaveUnidad !== 'ACT') r.error({ node: conceptoNode(i), attribute: 'ClaveUnidad', value: k.ClaveUnidad });
    });
  },
});
