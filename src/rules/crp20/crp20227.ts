/**
 * CRP20227 — pago20:Pago@RfcEmisorCtaBen.
 *
 * SAT: El campo RfcEmisorCtaBen no se debe registrar.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, formaPago, pagoNode } from './pagos.ts';

export const crp20227 = defineRule({
  code: 'CRP20227',
  node: 'pago20:Pago',
  attribute: 'RfcEmisorCtaBen',
  message: 'El campo RfcEmisorCtaBen no se debe registrar.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    p.Pago.forEach((pago, i) => {
      const fp = formaPago(pago, c.Fecha);
      if (!fp) return;
      if (pago.RfcEmisorCtaBen !== undefined && !fp.permiteBancoBeneficiarioRfc) r.error({ node: pagoNode(i), attribute: 'RfcEmisorCtaBen', value: pago.RfcEmisorCtaBen, detail: `FormaDePagoP ${pago.FormaDePagoP}` });
    });
  },
});
