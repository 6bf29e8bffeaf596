/**
 * CRP20241 — pago20:Pago/DoctoRelacionado@ImpPagado.
 *
 * SAT: El campo ImpPagado debe mayor a cero.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20241 = defineRule({
  code: 'CRP20241',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpPagado',
  message: 'El campo ImpPagado debe mayor a cero.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (!(isAmount(d.ImpPagado) && fixed(d.ImpPagado).v > 0n)) r.error({ node, attribute: 'ImpPagado', value: d.ImpPagado });
    }
  },
});
