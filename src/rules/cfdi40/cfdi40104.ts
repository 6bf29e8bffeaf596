/**
 * CFDI40104 — Comprobante@FormaPago.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_FormaPago.
 */
import { c_FormaPago } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40104 = defineRule({
  code: 'CFDI40104',
  node: 'Comprobante',
  attribute: 'FormaPago',
  message: 'El campo FormaPago no contiene un valor del catálogo c_FormaPago.',
  check(c, _ctx, r) {
    if (c.FormaPago === undefined) return r.notApplicable('no FormaPago');
    checkSmall(r, c_FormaPago, 'c_FormaPago', c.FormaPago, c.Fecha);
  },
});
