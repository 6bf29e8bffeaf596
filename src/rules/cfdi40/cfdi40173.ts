/**
 * CFDI40173 — cfdi:Conceptos/Concepto:Impuestos@Impuestos.
 *
 * SAT: En caso de utilizar el nodo Impuestos en un concepto, se deben incluir impuestos de
 * traslado y/o retenciones.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40173 = defineRule({
  code: 'CFDI40173',
  node: 'cfdi:Conceptos/Concepto:Impuestos',
  attribute: 'Impuestos',
  message: 'En caso de utilizar el nodo Impuestos en un concepto, se deben incluir impuestos de traslado y/o retenciones.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      if (!k.Impuestos) return;
      applies = true;
      if (k.Impuestos.Traslados.length === 0 && k.Impuestos.Retenciones.length === 0) r.error({ node: `${conceptoNode(i)}/Impuestos` });
    });
    if (!applies) r.notApplicable('no Concepto has Impuestos');
  },
});
