/**
 * CRP20244 — pago20:Pago/DoctoRelacionado@ImpSaldoInsoluto.
 *
 * SAT: El campo ImpSaldoInsoluto debe ser mayor o igual a cero y calcularse con la suma de los
 * campos ImSaldoAnt menos el ImpPagado
 *
 * A negative balance is not a t_Importe either (CRP20999).
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { compare, sub, format } from '../../cfdi/amounts/decimal.ts';

export const crp20244 = defineRule({
  code: 'CRP20244',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpSaldoInsoluto',
  message: 'El campo ImpSaldoInsoluto debe ser mayor o igual a cero y calcularse con la suma de los campos ImSaldoAnt menos el ImpPagado',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { d, node } of doctos(p)) {
      if (!isAmount(d.ImpSaldoAnt) || !isAmount(d.ImpPagado)) continue;
      const esperado = sub(d.ImpSaldoAnt, d.ImpPagado);
      if (!isAmount(d.ImpSaldoInsoluto) || compare(d.ImpSaldoInsoluto, esperado) !== 0) r.error({ node, attribute: 'ImpSaldoInsoluto', value: d.ImpSaldoInsoluto, detail: `ImpSaldoAnt − ImpPagado = ${format(esperado)}` });
    }
  },
});
