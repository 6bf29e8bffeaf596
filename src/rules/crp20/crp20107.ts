/**
 * CRP20107 — cfdi:Comprobante@CondicionesDePago.
 *
 * SAT: El campo CondicionesDePago no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20107 = defineRule({
  code: 'CRP20107',
  node: 'cfdi:Comprobante',
  attribute: 'CondicionesDePago',
  message: 'El campo CondicionesDePago no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.CondicionesDePago !== undefined) r.error({ node: 'Comprobante', attribute: 'CondicionesDePago', value: c.CondicionesDePago });
  },
});
