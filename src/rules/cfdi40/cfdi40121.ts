/**
 * CFDI40121 — Comprobante@TipoDeComprobante.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_TipoDeComprobante.
 */
import { c_TipoDeComprobante } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40121 = defineRule({
  code: 'CFDI40121',
  node: 'Comprobante',
  attribute: 'TipoDeComprobante',
  message: 'El campo TipoDeComprobante, no contiene un valor del catálogo c_TipoDeComprobante.',
  check(c, _ctx, r) {
    checkSmall(r, c_TipoDeComprobante, 'c_TipoDeComprobante', c.TipoDeComprobante, c.Fecha);
  },
});
