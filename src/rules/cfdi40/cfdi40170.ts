/**
 * CFDI40170 — cfdi:Conceptos/Concepto@ObjetoImp.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_ObjetoImp.
 */
import { c_ObjetoImp } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall, conceptoNode } from '../helpers.ts';

export const cfdi40170 = defineRule({
  code: 'CFDI40170',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ObjetoImp',
  message: 'El campo ObjetoImp, no contiene un valor del catálogo c_ObjetoImp.',
  check(c, _ctx, r) {
    c.Conceptos.forEach((k, i) => checkSmall(r, c_ObjetoImp, 'c_ObjetoImp', k.ObjetoImp, c.Fecha, { node: conceptoNode(i) }));
  },
});
