/**
 * CRP20218 — pago20:Pago@Monto.
 *
 * SAT: El valor del campo Monto no es mayor que cero "0".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20218 = defineRule({
  code: 'CRP20218',
  node: 'pago20:Pago',
  attribute: 'Monto',
  message: 'El valor del campo Monto no es mayor que cero "0".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (!(isAmount(pago.Monto) && fixed(pago.Monto).v > 0n)) r.error({ node: pagoNode(i), attribute: 'Monto', value: pago.Monto });
    });
  },
});
