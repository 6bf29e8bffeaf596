/**
 * CFDI40157 — cfdi:Receptor@RegimenFiscalReceptor.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_RegimenFiscal.
 */
import { c_RegimenFiscal } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40157 = defineRule({
  code: 'CFDI40157',
  node: 'cfdi:Receptor',
  attribute: 'RegimenFiscalReceptor',
  message: 'El campo RegimenFiscalR, no contiene un valor del catálogo c_RegimenFiscal.',
  check(c, _ctx, r) {
    checkSmall(r, c_RegimenFiscal, 'c_RegimenFiscal', c.Receptor.RegimenFiscalReceptor, c.Fecha);
  },
});
