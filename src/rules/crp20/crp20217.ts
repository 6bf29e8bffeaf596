/**
 * CRP20217 — pago20:Pago@Monto.
 *
 * SAT: La suma de los valores registrados en el campo ImpPagado de los apartados DoctoRelacionado
 * no es menor o igual que el valor del campo Monto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, monedaDecimales, enMonedaP, convierte, pagoNode } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { compare, sum, round, format, type Fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20217 = defineRule({
  code: 'CRP20217',
  node: 'pago20:Pago',
  attribute: 'Monto',
  message: 'La suma de los valores registrados en el campo ImpPagado de los apartados DoctoRelacionado no es menor o igual que el valor del campo Monto.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const partes = pago.DoctoRelacionado.map((d) => enMonedaP(d.ImpPagado, d));
      if (!isAmount(pago.Monto) || partes.some((x) => x === undefined)) return r.notChecked('Monto, algún ImpPagado o EquivalenciaDR no es un importe válido (vea CRP20999)', { node: pagoNode(i) });
      // Converted amounts carry the rounding of EquivalenciaDR: compared at the decimals of MonedaP.
      const s = round(sum(partes as Fixed[]), monedaDecimales(pago.MonedaP) ?? 2, convierte(pago) ? 'down' : 'half-up');
      if (compare(s, pago.Monto) > 0) r.error({ node: pagoNode(i), attribute: 'Monto', value: pago.Monto, detail: `Σ ImpPagado = ${format(s)}` });
    });
  },
});
