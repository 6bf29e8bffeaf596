/**
 * CRP20275 — pago20:Pago/DoctoRelacionado@ImpPagado.
 *
 * SAT: ImpPagado (operaciones con diferentes divisas) debe estar dentro de los límites inferior y
 * superior calculados con el margen de variación.
 *
 * The Anexo 20 margin, applied where it is unambiguous: a Pago of one document in another
 * currency, ImpPagado within (Monto ± ½ ulp) × (EquivalenciaDR ± ½ ulp). With several documents
 * CRP20276 bounds the Monto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, decimales, doctoNode } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { compare, mul, add, sub, round, format } from '../../cfdi/amounts/decimal.ts';

export const crp20275 = defineRule({
  code: 'CRP20275',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ImpPagado',
  message: 'ImpPagado (operaciones con diferentes divisas) debe estar dentro de los límites inferior y superior calculados con el margen de variación.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      if (pago.DoctoRelacionado.length !== 1) return;
      const d = pago.DoctoRelacionado[0];
      if (d.MonedaDR === pago.MonedaP) return;
      applies = true;
      if (!isAmount(pago.Monto) || !isAmount(d.EquivalenciaDR) || !isAmount(d.ImpPagado)) return r.notChecked('Monto, EquivalenciaDR o ImpPagado no es un importe válido', { node: doctoNode(i, 0) });
      // ImpPagado ≈ Monto × EquivalenciaDR, each factor ± half a unit of its last decimal.
      const hm = { v: 5n, s: decimales(pago.Monto)! + 1 };
      const he = { v: 5n, s: decimales(d.EquivalenciaDR)! + 1 };
      const dd = decimales(d.ImpPagado)!;
      const lower = round(mul(sub(pago.Monto, hm), sub(d.EquivalenciaDR, he)), dd, 'down');
      const upper = round(mul(add(pago.Monto, hm), add(d.EquivalenciaDR, he)), dd, 'ceil');
      if (compare(d.ImpPagado, lower) < 0 || compare(d.ImpPagado, upper) > 0) r.error({ node: doctoNode(i, 0), attribute: 'ImpPagado', value: d.ImpPagado, detail: `allowed ${format(lower)} – ${format(upper)}` });
    });
    if (!applies) r.notApplicable('no Pago of one document in another currency');
  },
});
