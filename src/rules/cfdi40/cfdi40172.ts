/**
 * CFDI40172 — cfdi:Conceptos/Concepto@ObjetoImp.
 *
 * SAT: Si este atributo contiene el valor "01" o "03" el nodo hijo Impuestos del nodo concepto
 * no debe existir.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40172 = defineRule({
  code: 'CFDI40172',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ObjetoImp',
  message: 'El nodo hijo Impuestos del nodo concepto, no debe existir.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      if (k.ObjetoImp !== '01' && k.ObjetoImp !== '03') return;
      applies = true;
      if (k.Impuestos) r.error({ node: conceptoNode(i), value: k.ObjetoImp });
    });
    if (!applies) r.notApplicable('no Concepto has ObjetoImp 01 or 03');
  },
});
