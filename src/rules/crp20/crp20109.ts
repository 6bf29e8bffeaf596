/**
 * CRP20109 — cfdi:Comprobante@TipoCambio.
 *
 * SAT: El campo TipoCambio no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20109 = defineRule({
  code: 'CRP20109',
  node: 'cfdi:Comprobante',
  attribute: 'TipoCambio',
  message: 'El campo TipoCambio no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.TipoCambio !== undefined) r.error({ node: 'Comprobante', attribute: 'TipoCambio', value: c.TipoCambio });
  },
});
