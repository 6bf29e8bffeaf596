/**
 * CFDI40117 — Comprobante@TipoCambio.
 *
 * SAT: Este atributo debe cumplir con el patrón [0-9]{1,18}(.[0-9]{1,6})?.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40117 = defineRule({
  code: 'CFDI40117',
  node: 'Comprobante',
  attribute: 'TipoCambio',
  message: 'El campo TipoCambio no cumple con el patrón requerido.',
  check(c, _ctx, r) {
    if (c.TipoCambio === undefined) return r.notApplicable('no TipoCambio');
    if (!/^[0-9]{1,18}(\.[0-9]{1,6})?$/.test(c.TipoCambio)) r.error({ value: c.TipoCambio });
  },
});
