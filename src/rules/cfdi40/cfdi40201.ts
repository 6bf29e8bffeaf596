/**
 * CFDI40201 — cfdi:Impuestos@Impuestos.
 *
 * SAT: Cuando el TipoDeComprobante sea T o P, este elemento no debe existir.
 */
import { defineRule } from '../define-rule.ts';
import { TIPOS_SIN_IMPORTES } from '../helpers.ts';

export const cfdi40201 = defineRule({
  code: 'CFDI40201',
  node: 'cfdi:Impuestos',
  attribute: 'Impuestos',
  message: 'Cuando el TipoDeComprobante sea T o P, el elemento Impuestos no debe existir.',
  check(c, _ctx, r) {
    if (!TIPOS_SIN_IMPORTES.has(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not T or P');
    if (c.Impuestos !== undefined) r.error({ node: 'Impuestos' });
  },
});
