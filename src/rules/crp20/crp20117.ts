/**
 * CRP20117 — cfdi:Conceptos/Concepto@Unidad.
 *
 * SAT: El campo Unidad no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20117 = defineRule({
  code: 'CRP20117',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Unidad',
  message: 'El campo Unidad no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.Unidad !== undefined) r.error({ node: conceptoNode(i), attribute: 'Unidad', value: k.Unidad });
    });
  },
});
