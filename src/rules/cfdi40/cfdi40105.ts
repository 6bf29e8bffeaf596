/**
 * CFDI40105 — Comprobante@FormaPago.
 *
 * SAT: Este atributo debe contener el valor “99” cuando el atributo MetodoPago contenga el
 * valor “PPD”.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40105 = defineRule({
  code: 'CFDI40105',
  node: 'Comprobante',
  attribute: 'FormaPago',
  message: 'El campo FormaPago no contiene el valor "99".',
  check(c, _ctx, r) {
    if (c.MetodoPago !== 'PPD') return r.notApplicable('MetodoPago is not PPD');
    if (c.FormaPago !== '99') r.error({ value: c.FormaPago ?? '' });
  },
});
