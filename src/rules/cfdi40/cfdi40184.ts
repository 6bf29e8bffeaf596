/**
 * CFDI40184 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@TipoFactor.
 *
 * SAT: El valor registrado debe ser distinto de Exento.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40184 = defineRule({
  code: 'CFDI40184',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'TipoFactor',
  message: 'Si el valor registrado en el campo TipoFactor que corresponde a Retención debe ser distinto de Exento.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        if (t.TipoFactor === 'Exento') r.error({ node, attribute: 'TipoFactor', value: t.TipoFactor });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
