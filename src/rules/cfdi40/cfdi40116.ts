/**
 * CFDI40116 — Comprobante@TipoCambio.
 *
 * SAT: Este atributo no se debe registrar cuando el atributo Moneda tenga el valor XXX.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40116 = defineRule({
  code: 'CFDI40116',
  node: 'Comprobante',
  attribute: 'TipoCambio',
  message: 'El campo TipoCambio no se debe registrar cuando el campo Moneda tiene el valor XXX.',
  check(c, _ctx, r) {
    if (c.Moneda !== 'XXX') return r.notApplicable('Moneda is not XXX');
    if (c.TipoCambio !== undefined) r.error({ value: c.TipoCambio });
  },
});
