/**
 * CRP20242 — pago20:Pago/DoctoRelacionado@ImpPagado.
 *
 * SAT: El valor del campo ImpPagado debe tener hasta la cantidad de decimales que soporte la
 * moneda registrada en el campo MonedaDR.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos, monedaDecimales, decimales } from './pagos.ts';
import { isAmount } from '../helpers.ts';

export const crp20242 = defineRule({
  code: 'CRP20242',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpPagado',
  message: 'El valor del campo ImpPagado debe tener hasta la cantidad de decimales que soporte la moneda registrada en el campo MonedaDR.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (isAmount(d.ImpPagado) && monedaDecimales(d.MonedaDR) !== undefined && decimales(d.ImpPagado)! > monedaDecimales(d.MonedaDR)!) r.error({ node, attribute: 'ImpPagado', value: d.ImpPagado });
    }
  },
});
