/**
 * CRP20111 — cfdi:Conceptos@Concepto.
 *
 * SAT: Solo debe existir un Concepto en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20111 = defineRule({
  code: 'CRP20111',
  node: 'cfdi:Conceptos',
  attribute: 'Concepto',
  message: 'Solo debe existir un Concepto en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.Conceptos.length !== 1) r.error({ node: 'cfdi:Conceptos', attribute: 'Concepto', value: String(c.Conceptos.length) });
  },
});
