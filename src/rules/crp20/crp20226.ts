/**
 * CRP20226 — pago20:Pago@CtaBeneficiario.
 *
 * SAT: El campo CtaBeneficiario no cumple con el patrón requerido.
 *
 * Pattern: c_FormaPago column "Patrón para cuenta beneficiaria".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20226 = defineRule({
  code: 'CRP20226',
  node: 'pago20:Pago',
  attribute: 'CtaBeneficiario',
  message: 'El campo CtaBeneficiario no cumple con el patrón requerido.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.CtaBeneficiario !== undefined && fp.permiteCuentaBeneficiario && fp.patronCuentaBeneficiario !== undefined && !new RegExp(`^(${fp.patronCuentaBeneficiario})$`).test(pago.CtaBeneficiario)) r.error({ node: pagoNode(i), attribute: 'CtaBeneficiario', value: pago.CtaBeneficiario, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
