/**
 * CFDI40197 — cfdi:Conceptos/Concepto:Parte@ValorUnitario.
 *
 * SAT: El valor de este atributo debe ser mayor que cero (0).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, positive } from '../helpers.ts';

export const cfdi40197 = defineRule({
  code: 'CFDI40197',
  node: 'cfdi:Conceptos/Concepto:Parte',
  attribute: 'ValorUnitario',
  message: 'El valor del campo ValorUnitario debe ser mayor que cero (0).',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      k.Parte.forEach((p, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Parte[${j + 1}]`;
        if (positive(p.ValorUnitario) === false) r.error({ node, attribute: 'ValorUnitario', value: p.ValorUnitario });
      }),
    );
    if (!applies) r.notApplicable('no Parte');
  },
});
