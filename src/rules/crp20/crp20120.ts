/**
 * CRP20120 — cfdi:Conceptos/Concepto@Importe.
 *
 * SAT: El valor del campo Importe debe ser cero "0".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { isAmount, conceptoNode } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20120 = defineRule({
  code: 'CRP20120',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Importe',
  message: 'El valor del campo Importe debe ser cero "0".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (!(isAmount(k.Importe) && fixed(k.Importe).v === 0n)) r.error({ node: conceptoNode(i), attribute: 'Importe', value: k.Importe });
    });
  },
});
