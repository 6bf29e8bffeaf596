/**
 * CRP20104 — cfdi:Comprobante@Moneda.
 *
 * SAT: El valor del campo Moneda debe ser "XXX".
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20104 = defineRule({
  code: 'CRP20104',
  node: 'cfdi:Comprobante',
  attribute: 'Moneda',
  message: 'El valor del campo Moneda debe ser "XXX".',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.Moneda !== 'XXX') r.error({ node: 'Comprobante', attribute: 'Moneda', value: c.Moneda });
  },
});
