/**
 * CFDI40123 — Comprobante@Exportacion.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Exportacion.
 */
import { c_Exportacion } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40123 = defineRule({
  code: 'CFDI40123',
  node: 'Comprobante',
  attribute: 'Exportacion',
  message: 'El campo Exportacion no contiene un valor del catálogo c_Exportacion.',
  check(c, _ctx, r) {
    checkSmall(r, c_Exportacion, 'c_Exportacion', c.Exportacion, c.Fecha);
  },
});
