/**
 * CRP20121 — cfdi:Conceptos/Concepto@Descuento.
 *
 * SAT: El campo Descuento no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20121 = defineRule({
  code: 'CRP20121',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Descuento',
  message: 'El campo Descuento no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.Descuento !== undefined) r.error({ node: conceptoNode(i), attribute: 'Descuento', value: k.Descuento });
    });
  },
});
