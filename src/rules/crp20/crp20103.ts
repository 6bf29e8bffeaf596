/**
 * CRP20103 — cfdi:Comprobante@SubTotal.
 *
 * SAT: El valor del campo SubTotal debe ser cero "0".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20103 = defineRule({
  code: 'CRP20103',
  node: 'cfdi:Comprobante',
  attribute: 'SubTotal',
  message: 'El valor del campo SubTotal debe ser cero "0".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (!(isAmount(c.SubTotal) && fixed(c.SubTotal).v === 0n)) r.error({ node: 'Comprobante', attribute: 'SubTotal', value: c.SubTotal });
  },
});
