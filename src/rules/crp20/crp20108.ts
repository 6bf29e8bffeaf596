/**
 * CRP20108 — cfdi:Comprobante@Descuento.
 *
 * SAT: El campo Descuento no se debe registrar en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20108 = defineRule({
  code: 'CRP20108',
  node: 'cfdi:Comprobante',
  attribute: 'Descuento',
  message: 'El campo Descuento no se debe registrar en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.Descuento !== undefined) r.error({ node: 'Comprobante', attribute: 'Descuento', value: c.Descuento });
  },
});
