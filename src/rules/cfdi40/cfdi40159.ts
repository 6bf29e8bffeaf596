/**
 * CFDI40159 — cfdi:Receptor@RegimenFiscalReceptor.
 *
 * SAT: Si el atributo Rfc del Receptor contiene el valor “XAXX010101000” o el valor
 * “XEXX010101000” en este atributo se debe registrar la clave “616”
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40159 = defineRule({
  code: 'CFDI40159',
  node: 'cfdi:Receptor',
  attribute: 'RegimenFiscalReceptor',
  message: 'La clave del campo RegimenFiscalR no corresponde de acuerdo al RFC del receptor.',
  check(c, _ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc !== RFC_PUBLICO_GENERAL && rfc !== RFC_EXTRANJERO) return r.notApplicable('not a generic RFC');
    if (c.Receptor.RegimenFiscalReceptor !== '616') r.error({ value: c.Receptor.RegimenFiscalReceptor });
  },
});
