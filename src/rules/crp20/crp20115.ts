/**
 * CRP20115 — cfdi:Conceptos/Concepto@Cantidad.
 *
 * SAT: El valor del campo Cantidad debe ser "1".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20115 = defineRule({
  code: 'CRP20115',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Cantidad',
  message: 'El valor del campo Cantidad debe ser "1".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.Cantidad !== '1') r.error({ node: conceptoNode(i), attribute: 'Cantidad', value: k.Cantidad });
    });
  },
});
