/**
 * CRP20240 — pago20:Pago/DoctoRelacionado@ImpSaldoAnt.
 *
 * SAT: El valor del campo ImpSaldoAnt debe tener hasta la cantidad de decimales que soporte la
 * moneda registrada en el campo MonedaDR.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos, monedaDecimales, decimales } from './pagos.ts';
import { isAmount } from '../helpers.ts';

export const crp20240 = defineRule({
  code: 'CRP20240',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpSaldoAnt',
  message: 'El valor del campo ImpSaldoAnt debe tener hasta la cantidad de decimales que soporte la moneda registrada en el campo MonedaDR.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (isAmount(d.ImpSaldoAnt) && monedaDecimales(d.MonedaDR) !== undefined && decimales(d.ImpSaldoAnt)! > monedaDecimales(d.MonedaDR)!) r.error({ node, attribute: 'ImpSaldoAnt', value: d.ImpSaldoAnt });
    }
  },
});
