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
    // FormaPago is conditional in the schema: the rule judges the value when there is one.
    if (c.FormaPago === undefined) return r.notApplicable('no FormaPago');
    if (c.FormaPago !== '99') r.error({ value: c.FormaPago });
  },
});
