/**
 * CRP20114 — cfdi:Conceptos/Concepto@NoIdentificacion.
 *
 * SAT: El campo NoIdentificacion no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20114 = defineRule({
  code: 'CRP20114',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'NoIdentificacion',
  message: 'El campo NoIdentificacion no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.NoIdentificacion !== undefined) r.error({ node: conceptoNode(i), attribute: 'NoIdentificacion', value: k.NoIdentificacion });
    });
  },
});
