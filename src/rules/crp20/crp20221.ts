/**
 * CRP20221 — pago20:Pago@RfcEmisorCtaOrd.
 *
 * SAT: Cuando el valor del campo FormaDePagoP sea diferente a la clave 02, 03, 04, 05, 06, 28 y
 * 29, entonces el campo RfcEmisorCtaOrd no debe existir.
 *
 * c_FormaPago column "RFC del emisor de la cuenta ordenante" (the bank forms 02, 03, 04, 05, 06,
 * 28, 29).
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20221 = defineRule({
  code: 'CRP20221',
  node: 'pago20:Pago',
  attribute: 'RfcEmisorCtaOrd',
  message: 'Cuando el valor del campo FormaDePagoP sea diferente a la clave 02, 03, 04, 05, 06, 28 y 29, entonces el campo RfcEmisorCtaOrd no debe existir.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.RfcEmisorCtaOrd !== undefined && !fp.permiteBancoOrdenanteRfc) r.error({ node: pagoNode(i), attribute: 'RfcEmisorCtaOrd', value: pago.RfcEmisorCtaOrd, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
