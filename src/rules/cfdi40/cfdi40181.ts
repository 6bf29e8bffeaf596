/**
 * CFDI40181 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@Base.
 *
 * SAT: El valor debe ser mayor que cero.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, positive } from '../helpers.ts';

export const cfdi40181 = defineRule({
  code: 'CFDI40181',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'Base',
  message: 'El valor del campo Base que corresponde a Retención debe ser mayor que cero.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        if (positive(t.Base) === false) r.error({ node, attribute: 'Base', value: t.Base });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
