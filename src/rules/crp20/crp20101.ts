/**
 * CRP20101 — cfdi:Comprobante@TipoDeComprobante.
 *
 * SAT: El valor del campo TipoDeComprobante debe ser "P"
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20101 = defineRule({
  code: 'CRP20101',
  node: 'cfdi:Comprobante',
  attribute: 'TipoDeComprobante',
  message: 'El valor del campo TipoDeComprobante debe ser "P"',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.TipoDeComprobante !== 'P') r.error({ node: 'Comprobante', attribute: 'TipoDeComprobante', value: c.TipoDeComprobante });
  },
});
