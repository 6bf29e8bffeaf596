/**
 * CRP20224 — pago20:Pago@CtaOrdenante.
 *
 * SAT: El campo CtaOrdenante no se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20224 = defineRule({
  code: 'CRP20224',
  node: 'pago20:Pago',
  attribute: 'CtaOrdenante',
  message: 'El campo CtaOrdenante no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.CtaOrdenante !== undefined && !fp.permiteCuentaOrdenante) r.error({ node: pagoNode(i), attribute: 'CtaOrdenante', value: pago.CtaOrdenante, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
