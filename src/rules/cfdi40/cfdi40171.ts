/**
 * CFDI40171 — cfdi:Conceptos/Concepto@ObjetoImp.
 *
 * SAT: Si este atributo contiene el valor "02" el nodo hijo Impuestos del nodo concepto debe
 * existir.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40171 = defineRule({
  code: 'CFDI40171',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ObjetoImp',
  message: 'El nodo concepto, no contiene el nodo hijo Impuestos.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      if (k.ObjetoImp !== '02') return;
      applies = true;
      if (!k.Impuestos) r.error({ node: conceptoNode(i), value: k.ObjetoImp });
    });
    if (!applies) r.notApplicable('no Concepto has ObjetoImp 02');
  },
});
