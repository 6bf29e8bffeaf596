/**
 * CFDI40183 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@TipoFactor.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_TipoFactor.
 */
import { c_TipoFactor, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40183 = defineRule({
  code: 'CFDI40183',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'TipoFactor',
  message: 'El valor del campo TipoFactor que corresponde a Retención no contiene un valor del catálogo c_TipoFactor.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        if (!lookup(c_TipoFactor, t.TipoFactor, c.Fecha)) r.error({ node, attribute: 'TipoFactor', value: t.TipoFactor });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
