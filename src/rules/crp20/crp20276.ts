/**
 * CRP20276 — pago20:Pago@Monto.
 *
 * SAT: Monto (operaciones con diferentes divisas) debe estar entre la suma de los límites
 * inferiores y la suma de los límites superiores de los ImpPagado convertidos a la moneda del
 * pago.
 *
 * Σ over the documents of (ImpPagado ± ½ ulp) / (EquivalenciaDR ∓ ½ ulp), truncated and ceiled to
 * MonedaP's decimals (CfdiUtils documents the SAT formula's inconsistencies, docs/pagos.md).
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, monedaDecimales, decimales, pagoNode } from './pagos.ts';
import { isAmount, sameNumber } from '../helpers.ts';
import { compare, fixed, add, sub, div, round, format, type Fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20276 = defineRule({
  code: 'CRP20276',
  node: 'pago20:Pago',
  attribute: 'Monto',
  message: 'Monto (operaciones con diferentes divisas) debe estar entre la suma de los límites inferiores y la suma de los límites superiores de los ImpPagado convertidos a la moneda del pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      if (!pago.DoctoRelacionado.some((d) => d.MonedaDR !== pago.MonedaP)) return;
      applies = true;
      const dp = monedaDecimales(pago.MonedaP) ?? 2;
      let lower: Fixed = fixed('0');
      let upper: Fixed = fixed('0');
      for (const d of pago.DoctoRelacionado) {
        if (!isAmount(d.ImpPagado)) return r.notChecked('algún ImpPagado no es un importe válido', { node: pagoNode(i) });
        if (d.MonedaDR === pago.MonedaP && (d.EquivalenciaDR === undefined || sameNumber(d.EquivalenciaDR, '1'))) {
          lower = add(lower, d.ImpPagado);
          upper = add(upper, d.ImpPagado);
          continue;
        }
        if (!isAmount(d.EquivalenciaDR) || fixed(d.EquivalenciaDR).v === 0n) return r.notChecked('falta algún EquivalenciaDR o no es un número válido (vea CRP20237)', { node: pagoNode(i) });
        const hi = { v: 5n, s: decimales(d.ImpPagado)! + 1 };
        const he = { v: 5n, s: decimales(d.EquivalenciaDR)! + 1 };
        lower = add(lower, div(sub(d.ImpPagado, hi), add(d.EquivalenciaDR, he), 12, 'down'));
        upper = add(upper, div(add(d.ImpPagado, hi), sub(d.EquivalenciaDR, he), 12, 'ceil'));
      }
      const lo = round(lower, dp, 'down');
      const hi = round(upper, dp, 'ceil');
      if (!isAmount(pago.Monto) || compare(pago.Monto, lo) < 0 || compare(pago.Monto, hi) > 0) r.error({ node: pagoNode(i), attribute: 'Monto', value: pago.Monto, detail: `allowed ${format(lo)} – ${format(hi)}` });
    });
    if (!applies) r.notApplicable('no document in another currency');
  },
});
