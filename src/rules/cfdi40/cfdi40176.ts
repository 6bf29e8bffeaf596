/**
 * CFDI40176 — cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado@TipoFactor.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_TipoFactor.
 */
import { c_TipoFactor, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40176 = defineRule({
  code: 'CFDI40176',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado',
  attribute: 'TipoFactor',
  message: 'El valor del campo TipoFactor que corresponde a Traslado no contiene un valor del catálogo c_TipoFactor.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Traslados ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Traslados/Traslado[${j + 1}]`;
        if (!lookup(c_TipoFactor, t.TipoFactor, c.Fecha)) r.error({ node, attribute: 'TipoFactor', value: t.TipoFactor });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Traslados');
  },
});
