/**
 * CRP20118 — cfdi:Conceptos/Concepto@Descripcion.
 *
 * SAT: El valor del campo Descripcion debe ser "Pago".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20118 = defineRule({
  code: 'CRP20118',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Descripcion',
  message: 'El valor del campo Descripcion debe ser "Pago".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.Descripcion !== 'Pago') r.error({ node: conceptoNode(i), attribute: 'Descripcion', value: k.Descripcion });
    });
  },
});
