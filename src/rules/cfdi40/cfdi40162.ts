/**
 * CFDI40162 — cfdi:Conceptos/Concepto@ClaveProdServ.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_ClaveProdServ.
 *
 * Against the imported c_ClaveProdServ (with its validity dates); notChecked when it is not
 * loaded.
 */
import { defineRule } from '../define-rule.ts';
import { checkLarge, conceptoNode } from '../helpers.ts';

export const cfdi40162 = defineRule({
  code: 'CFDI40162',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveProdServ',
  message: 'El campo ClaveProdServ, no contiene un valor del catálogo c_ClaveProdServ.',
  check(c, ctx, r) {
    c.Conceptos.forEach((k, i) => checkLarge(r, ctx, c.Fecha, 'c_ClaveProdServ', k.ClaveProdServ, { node: conceptoNode(i), attribute: 'ClaveProdServ' }));
  },
});
