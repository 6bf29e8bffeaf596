/**
 * CFDI40124 — Comprobante@MetodoPago.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_MetodoPago.
 */
import { c_MetodoPago } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40124 = defineRule({
  code: 'CFDI40124',
  node: 'Comprobante',
  attribute: 'MetodoPago',
  message: 'El campo MetodoPago, no contiene un valor del catálogo c_MetodoPago.',
  check(c, _ctx, r) {
    if (c.MetodoPago === undefined) return r.notApplicable('no MetodoPago');
    checkSmall(r, c_MetodoPago, 'c_MetodoPago', c.MetodoPago, c.Fecha);
  },
});
