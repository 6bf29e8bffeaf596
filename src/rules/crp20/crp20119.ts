/**
 * CRP20119 — cfdi:Conceptos/Concepto@ValorUnitario.
 *
 * SAT: El valor del campo ValorUnitario debe ser cero "0".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { isAmount, conceptoNode } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20119 = defineRule({
  code: 'CRP20119',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ValorUnitario',
  message: 'El valor del campo ValorUnitario debe ser cero "0".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (!(isAmount(k.ValorUnitario) && fixed(k.ValorUnitario).v === 0n)) r.error({ node: conceptoNode(i), attribute: 'ValorUnitario', value: k.ValorUnitario });
    });
  },
});
