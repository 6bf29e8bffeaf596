/**
 * CFDI40151 — cfdi:Receptor@ResidenciaFiscal.
 *
 * SAT: Si el RFC del receptor es de un RFC registrado en el SAT o un RFC genérico nacional,
 * este atributo NO debe existir.
 *
 * Any RFC other than XEXX010101000 is a registered or national generic RFC.
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO } from '../registry.ts';

export const cfdi40151 = defineRule({
  code: 'CFDI40151',
  node: 'cfdi:Receptor',
  attribute: 'ResidenciaFiscal',
  message: 'El RFC del receptor es de un RFC registrado en el SAT o un RFC genérico nacional y existe el campo ResidenciaFiscal.',
  check(c, _ctx, r) {
    if (c.Receptor.Rfc === RFC_EXTRANJERO) return r.notApplicable('foreign generic RFC');
    if (c.Receptor.ResidenciaFiscal !== undefined) r.error({ value: c.Receptor.ResidenciaFiscal, detail: `receptor RFC ${c.Receptor.Rfc}` });
  },
});
