/**
 * CFDI40160 — cfdi:Receptor@UsoCFDI.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_UsoCFDI.
 */
import { c_UsoCFDI } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40160 = defineRule({
  code: 'CFDI40160',
  node: 'cfdi:Receptor',
  attribute: 'UsoCFDI',
  message: 'El campo UsoCFDI, no contiene un valor del catálogo c_UsoCFDI.',
  check(c, _ctx, r) {
    checkSmall(r, c_UsoCFDI, 'c_UsoCFDI', c.Receptor.UsoCFDI, c.Fecha);
  },
});
