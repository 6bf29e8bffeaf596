/**
 * CFDI40125 — Comprobante@MetodoPago.
 *
 * SAT: Se debe omitir el atributo MetodoPago cuando el TipoDeComprobante es T o P.
 */
import { defineRule } from '../define-rule.ts';
import { TIPOS_SIN_IMPORTES } from '../helpers.ts';

export const cfdi40125 = defineRule({
  code: 'CFDI40125',
  node: 'Comprobante',
  attribute: 'MetodoPago',
  message: 'Se debe omitir el campo MetodoPago cuando el TipoDeComprobante es T o P.',
  check(c, _ctx, r) {
    if (!TIPOS_SIN_IMPORTES.has(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not T or P');
    if (c.MetodoPago !== undefined) r.error({ value: c.MetodoPago });
  },
});
