/**
 * CFDI40150 — cfdi:Receptor@ResidenciaFiscal.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Pais.
 */
import { c_Pais } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40150 = defineRule({
  code: 'CFDI40150',
  node: 'cfdi:Receptor',
  attribute: 'ResidenciaFiscal',
  message: 'El campo ResidenciaFiscal, no contiene un valor del catálogo c_Pais.',
  check(c, _ctx, r) {
    if (c.Receptor.ResidenciaFiscal === undefined) return r.notApplicable('no ResidenciaFiscal');
    checkSmall(r, c_Pais, 'c_Pais', c.Receptor.ResidenciaFiscal, c.Fecha);
  },
});
