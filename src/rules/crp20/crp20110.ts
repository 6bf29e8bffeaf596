/**
 * CRP20110 — cfdi:Comprobante@Total.
 *
 * SAT: El valor del campo Total debe ser cero "0".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20110 = defineRule({
  code: 'CRP20110',
  node: 'cfdi:Comprobante',
  attribute: 'Total',
  message: 'El valor del campo Total debe ser cero "0".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (!(isAmount(c.Total) && fixed(c.Total).v === 0n)) r.error({ node: 'Comprobante', attribute: 'Total', value: c.Total });
  },
});
