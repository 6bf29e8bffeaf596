/**
 * CRP20225 — pago20:Pago@CtaOrdenante.
 *
 * SAT: El campo CtaOrdenante no cumple con el patrón requerido.
 *
 * Pattern: c_FormaPago column "Patrón para cuenta ordenante".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20225 = defineRule({
  code: 'CRP20225',
  node: 'pago20:Pago',
  attribute: 'CtaOrdenante',
  message: 'El campo CtaOrdenante no cumple con el patrón requerido.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.CtaOrdenante !== undefined && fp.permiteCuentaOrdenante && fp.patronCuentaOrdenante !== undefined && !new RegExp(`^(${fp.patronCuentaOrdenante})$`).test(pago.CtaOrdenante)) r.error({ node: pagoNode(i), attribute: 'CtaOrdenante', value: pago.CtaOrdenante, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
