/**
 * CFDI40196 — cfdi:Conceptos/Concepto:Parte@ClaveProdServ.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_ClaveProdServ.
 */
import { defineRule } from '../define-rule.ts';
import { checkLarge, conceptoNode } from '../helpers.ts';

export const cfdi40196 = defineRule({
  code: 'CFDI40196',
  node: 'cfdi:Conceptos/Concepto:Parte',
  attribute: 'ClaveProdServ',
  message: 'El campo ClaveProdServ, no contiene un valor del catálogo c_ClaveProdServ.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      k.Parte.forEach((p, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Parte[${j + 1}]`;
        checkLarge(r, ctx, c.Fecha, 'c_ClaveProdServ', p.ClaveProdServ, { node, attribute: 'ClaveProdServ' });
      }),
    );
    if (!applies) r.notApplicable('no Parte');
  },
});
