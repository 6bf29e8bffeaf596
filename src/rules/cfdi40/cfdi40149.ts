/**
 * CFDI40149 — cfdi:Receptor@DomicilioFiscalReceptor.
 *
 * SAT: Si el valor del atributo Rfc del receptor es "XAXX010101000" o "XEXX010101000", este
 * atributo debe ser igual al valor del atributo LugarExpedicion.
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40149 = defineRule({
  code: 'CFDI40149',
  node: 'cfdi:Receptor',
  attribute: 'DomicilioFiscalReceptor',
  message: 'El campo DomicilioFiscalReceptor, no es igual al valor del campo LugarExpedicion.',
  check(c, _ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc !== RFC_PUBLICO_GENERAL && rfc !== RFC_EXTRANJERO) return r.notApplicable('not a generic RFC');
    if (c.Receptor.DomicilioFiscalReceptor !== c.LugarExpedicion) r.error({ value: c.Receptor.DomicilioFiscalReceptor, detail: `LugarExpedicion is ${c.LugarExpedicion}` });
  },
});
