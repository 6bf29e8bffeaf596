/**
 * CFDI40146 — cfdi:Receptor@Nombre.
 *
 * SAT: Si el valor registrado en este atributo es “PUBLICO EN GENERAL”, el valor del atributo
 * RFC del receptor debe ser “XAXX010101000”.
 */
import { defineRule } from '../define-rule.ts';
import { normalizeName } from '../helpers.ts';
import { RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40146 = defineRule({
  code: 'CFDI40146',
  node: 'cfdi:Receptor',
  attribute: 'Nombre',
  message: 'El campo RFC del receptor debe contener el valor "XAXX010101000".',
  check(c, _ctx, r) {
    if (normalizeName(c.Receptor.Nombre) !== 'PUBLICO EN GENERAL') return r.notApplicable('Nombre is not PUBLICO EN GENERAL');
    if (c.Receptor.Rfc !== RFC_PUBLICO_GENERAL) r.error({ node: 'cfdi:Receptor', attribute: 'Rfc', value: c.Receptor.Rfc });
  },
});
