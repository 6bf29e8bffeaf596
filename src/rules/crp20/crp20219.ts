/**
 * CRP20219 — pago20:Pago@Monto.
 *
 * SAT: El valor del campo Monto debe tener hasta la cantidad de decimales que soporte la moneda
 * registrada en el campo MonedaP.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, monedaDecimales, decimales, pagoNode } from './pagos.ts';
import { isAmount } from '../helpers.ts';

export const crp20219 = defineRule({
  code: 'CRP20219',
  node: 'pago20:Pago',
  attribute: 'Monto',
  message: 'El valor del campo Monto debe tener hasta la cantidad de decimales que soporte la moneda registrada en el campo MonedaP.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      if (isAmount(pago.Monto) && monedaDecimales(pago.MonedaP) !== undefined && decimales(pago.Monto)! > monedaDecimales(pago.MonedaP)!) r.error({ node: pagoNode(i), attribute: 'Monto', value: pago.Monto });
    });
  },
});
