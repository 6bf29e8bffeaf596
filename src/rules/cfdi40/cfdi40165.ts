/**
 * CFDI40165 — cfdi:Conceptos/Concepto@ClaveUnidad.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_ClaveUnidad.
 */
import { defineRule } from '../define-rule.ts';
import { checkLarge, conceptoNode } from '../helpers.ts';

export const cfdi40165 = defineRule({
  code: 'CFDI40165',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveUnidad',
  message: 'El campo ClaveUnidad no contiene un valor del catálogo c_ClaveUnidad.',
  check(c, ctx, r) {
    c.Conceptos.forEach((k, i) => checkLarge(r, ctx, c.Fecha, 'c_ClaveUnidad', k.ClaveUnidad, { node: conceptoNode(i), attribute: 'ClaveUnidad' }));
  },
});
