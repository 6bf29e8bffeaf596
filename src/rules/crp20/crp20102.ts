/**
 * CRP20102 — cfdi:Comprobante@Exportacion.
 *
 * SAT: El valor del campo Exportacion debe ser "01"
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20102 = defineRule({
  code: 'CRP20102',
  node: 'cfdi:Comprobante',
  attribute: 'Exportacion',
  message: 'El valor del campo Exportacion debe ser "01"',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.Exportacion !== '01') r.error({ node: 'Comprobante', attribute: 'Exportacion', value: c.Exportacion });
  },
});
