/**
 * CFDI40140 — cfdi:Emisor@RegimenFiscal.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_RegimenFiscal.
 */
import { c_RegimenFiscal } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40140 = defineRule({
  code: 'CFDI40140',
  node: 'cfdi:Emisor',
  attribute: 'RegimenFiscal',
  message: 'El campo RegimenFiscal, no contiene un valor del catálogo c_RegimenFiscal.',
  check(c, _ctx, r) {
    checkSmall(r, c_RegimenFiscal, 'c_RegimenFiscal', c.Emisor.RegimenFiscal, c.Fecha);
  },
});
