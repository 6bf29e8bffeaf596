/**
 * CFDI40155 — cfdi:Receptor@NumRegIdTrib.
 *
 * SAT: Si el RFC del receptor es un RFC genérico extranjero y el comprobante incluye el
 * complemento de comercio exterior, debe existir este atributo.
 *
 * Follows the matrix's validation rule: a foreign generic receptor with Comercio Exterior
 * needs NumRegIdTrib. A NumRegIdTrib without Comercio Exterior is allowed (services exported
 * with Exportacion 01/04); a domestic RFC with NumRegIdTrib is CFDI40154.
 */
import { defineRule } from '../define-rule.ts';
import { hasComercioExterior } from '../helpers.ts';
import { RFC_EXTRANJERO } from '../registry.ts';

export const cfdi40155 = defineRule({
  code: 'CFDI40155',
  node: 'cfdi:Receptor',
  attribute: 'NumRegIdTrib',
  message: 'Para registrar el campo NumRegIdTrib, el CFDI debe contener el complemento de comercio exterior y el RFC del receptor debe ser un RFC genérico extranjero.',
  check(c, _ctx, r) {
    if (c.Receptor.Rfc !== RFC_EXTRANJERO || !hasComercioExterior(c)) return r.notApplicable('not a foreign receptor with Comercio Exterior');
    if (c.Receptor.NumRegIdTrib === undefined) r.error({ detail: 'NumRegIdTrib is required with Comercio Exterior' });
  },
});
