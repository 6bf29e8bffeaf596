/**
 * CFDI40109 — Comprobante@SubTotal.
 *
 * SAT: Si el comprobante es T o P el importe debe ser 0, o cero con decimales.
 */
import { defineRule } from '../define-rule.ts';
import { amount, TIPOS_SIN_IMPORTES } from '../helpers.ts';

export const cfdi40109 = defineRule({
  code: 'CFDI40109',
  node: 'Comprobante',
  attribute: 'SubTotal',
  message: 'El TipoDeComprobante es T o P y el importe no es igual a 0, o cero con decimales.',
  check(c, _ctx, r) {
    if (!TIPOS_SIN_IMPORTES.has(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not T or P');
    const v = amount(c.SubTotal);
    if (v === undefined) return;
    if (v.v !== 0n) r.error({ value: c.SubTotal });
  },
});
