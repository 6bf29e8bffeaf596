/**
 * CRP20123 — cfdi:Comprobante@Impuestos.
 *
 * SAT: No se debe registrar el apartado de Impuestos en el CFDI.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20123 = defineRule({
  code: 'CRP20123',
  node: 'cfdi:Comprobante',
  attribute: 'Impuestos',
  message: 'No se debe registrar el apartado de Impuestos en el CFDI.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    if (c.Impuestos !== undefined) r.error({ node: 'Comprobante', attribute: 'Impuestos' });
  },
});
