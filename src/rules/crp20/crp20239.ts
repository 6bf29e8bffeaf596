/**
 * CRP20239 — pago20:Pago/DoctoRelacionado@ImpSaldoAnt.
 *
 * SAT: El campo ImpSaldoAnt debe mayor a cero.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20239 = defineRule({
  code: 'CRP20239',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpSaldoAnt',
  message: 'El campo ImpSaldoAnt debe mayor a cero.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (!(isAmount(d.ImpSaldoAnt) && fixed(d.ImpSaldoAnt).v > 0n)) r.error({ node, attribute: 'ImpSaldoAnt', value: d.ImpSaldoAnt });
    }
  },
});
