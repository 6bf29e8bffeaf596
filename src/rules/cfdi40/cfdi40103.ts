/**
 * CFDI40103 — Comprobante@FormaPago.
 *
 * SAT: Atributo condicional para expresar la clave de la forma de pago de los bienes o
 * servicios amparados por el comprobante.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40103 = defineRule({
  code: 'CFDI40103',
  node: 'Comprobante',
  attribute: 'FormaPago',
  message: 'Si existe el tipo de comprobante T, N o P el campo FormaPago no debe existir.',
  check(c, _ctx, r) {
    if (!['T', 'N', 'P'].includes(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not T, N or P');
    if (c.FormaPago !== undefined) r.error({ value: c.FormaPago });
  },
});
