/**
 * CFDI40152 — cfdi:Receptor@ResidenciaFiscal.
 *
 * SAT: El valor del atributo no puede ser MEX.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40152 = defineRule({
  code: 'CFDI40152',
  node: 'cfdi:Receptor',
  attribute: 'ResidenciaFiscal',
  message: 'El valor del campo ResidenciaFiscal no puede ser MEX.',
  check(c, _ctx, r) {
    if (c.Receptor.ResidenciaFiscal === undefined) return r.notApplicable('no ResidenciaFiscal');
    if (c.Receptor.ResidenciaFiscal === 'MEX') r.error({ value: 'MEX' });
  },
});
