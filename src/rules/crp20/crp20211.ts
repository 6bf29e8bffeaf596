/**
 * CRP20211 — pago20:Totales@MontoTotalPagos.
 *
 * SAT: El valor del campo MontoTotalPagos no es igual al redondeo de la suma del resultado de
 * multiplicar cada uno de los atributos Monto por el valor registrado en el atributo TipoCambioP
 * de cada nodo Pago.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { sameNumber } from '../helpers.ts';
import { fixed, roundHalfUp } from '../../cfdi/amounts/decimal.ts';
import { totalesExactos } from '../../cfdi/pagos/complete.ts';

export const crp20211 = defineRule({
  code: 'CRP20211',
  node: 'pago20:Totales',
  attribute: 'MontoTotalPagos',
  message: 'El valor del campo MontoTotalPagos no es igual al redondeo de la suma del resultado de multiplicar cada uno de los atributos Monto por el valor registrado en el atributo TipoCambioP de cada nodo Pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const esperado = roundHalfUp(totalesExactos(p.Pago).get('MontoTotalPagos') ?? fixed('0'), 2);
    if (!sameNumber(p.Totales.MontoTotalPagos, esperado)) r.error({ node: 'pago20:Totales', attribute: 'MontoTotalPagos', value: p.Totales.MontoTotalPagos, detail: `expected ${esperado}` });
  },
});
