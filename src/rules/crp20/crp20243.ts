/**
 * CRP20243 — pago20:Pago/DoctoRelacionado@ImpSaldoInsoluto.
 *
 * SAT: El valor del campo ImpSaldoInsoluto debe tener hasta la cantidad de decimales que soporte
 * la moneda registrada en el campo MonedaDR.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos, monedaDecimales, decimales } from './pagos.ts';
import { isAmount } from '../helpers.ts';

export const crp20243 = defineRule({
  code: 'CRP20243',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpSaldoInsoluto',
  message: 'El valor del campo ImpSaldoInsoluto debe tener hasta la cantidad de decimales que soporte la moneda registrada en el campo MonedaDR.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (isAmount(d.ImpSaldoInsoluto) && monedaDecimales(d.MonedaDR) !== undefined && decimales(d.ImpSaldoInsoluto)! > monedaDecimales(d.MonedaDR)!) r.error({ node, attribute: 'ImpSaldoInsoluto', value: d.ImpSaldoInsoluto });
    }
  },
});
