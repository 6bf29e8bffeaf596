/**
 * CRP20229 — pago20:Pago@TipoCadPago.
 *
 * SAT: El campo TipoCadPago no se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20229 = defineRule({
  code: 'CRP20229',
  node: 'pago20:Pago',
  attribute: 'TipoCadPago',
  message: 'El campo TipoCadPago no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.TipoCadPago !== undefined && !fp.permiteTipoCadenaPago) r.error({ node: pagoNode(i), attribute: 'TipoCadPago', value: pago.TipoCadPago, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
