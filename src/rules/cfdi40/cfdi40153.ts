/**
 * CFDI40153 — cfdi:Receptor@ResidenciaFiscal.
 *
 * SAT: Si el RFC del receptor es un RFC genérico extranjero y el comprobante incluye el
 * complemento de comercio exterior, o se registró el atributo NumRegIdTrib, este atributo debe
 * existir.
 */
import { defineRule } from '../define-rule.ts';
import { hasComercioExterior } from '../helpers.ts';
import { RFC_EXTRANJERO } from '../registry.ts';

export const cfdi40153 = defineRule({
  code: 'CFDI40153',
  node: 'cfdi:Receptor',
  attribute: 'ResidenciaFiscal',
  message: 'Se debe registrar un valor de acuerdo al catálogo c_Pais en en el campo ResidenciaFiscal, cuando en el en el campo NumRegIdTrib se registre información.',
  check(c, _ctx, r) {
    const needed = c.Receptor.NumRegIdTrib !== undefined || (c.Receptor.Rfc === RFC_EXTRANJERO && hasComercioExterior(c));
    if (!needed) return r.notApplicable('no NumRegIdTrib and no foreign receptor with Comercio Exterior');
    if (c.Receptor.ResidenciaFiscal === undefined) r.error({ detail: 'ResidenciaFiscal is required' });
  },
});
