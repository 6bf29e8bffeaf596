/**
 * CRP20113 — cfdi:Conceptos/Concepto@ClaveProdServ.
 *
 * SAT: El valor del campo ClaveProdServ debe ser "84111506".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20113 = defineRule({
  code: 'CRP20113',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveProdServ',
  message: 'El valor del campo ClaveProdServ debe ser "84111506".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.ClaveProdServ !== '84111506') r.error({ node: conceptoNode(i), attribute: 'ClaveProdServ', value: k.ClaveProdServ });
    });
  },
});
