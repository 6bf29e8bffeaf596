/**
 * CFDI40174 — cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado@Base.
 *
 * SAT: El valor debe ser mayor que cero.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, positive } from '../helpers.ts';

export const cfdi40174 = defineRule({
  code: 'CFDI40174',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado',
  attribute: 'Base',
  message: 'El valor del campo Base que corresponde a Traslado debe ser mayor que cero.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Traslados ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Traslados/Traslado[${j + 1}]`;
        if (positive(t.Base) === false) r.error({ node, attribute: 'Base', value: t.Base });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Traslados');
  },
});
