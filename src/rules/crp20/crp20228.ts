/**
 * CRP20228 — pago20:Pago@CtaBeneficiario.
 *
 * SAT: Cuando el valor del campo FormaDePagoP sea diferente a la clave 02, 03, 04, 05, 06, 28 y
 * 29, el campo CuentaBeneficiario no se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20228 = defineRule({
  code: 'CRP20228',
  node: 'pago20:Pago',
  attribute: 'CtaBeneficiario',
  message: 'Cuando el valor del campo FormaDePagoP sea diferente a la clave 02, 03, 04, 05, 06, 28 y 29, el campo CuentaBeneficiario no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.CtaBeneficiario !== undefined && !fp.permiteCuentaBeneficiario) r.error({ node: pagoNode(i), attribute: 'CtaBeneficiario', value: pago.CtaBeneficiario, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
