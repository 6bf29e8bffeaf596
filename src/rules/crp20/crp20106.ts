/**
 * CRP20106 — cfdi:Comprobante@MetodoPago.
 *
 * SAT: El campo MetodoPago no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20106 = defineRule({
  code: 'CRP20106',
  node: 'cfdi:Comprobante',
  attribute: 'MetodoPago',
  message: 'El campo MetodoPago no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.MetodoPago !== undefined) r.error({ node: 'Comprobante', attribute: 'MetodoPago', value: c.MetodoPago });
  },
});
