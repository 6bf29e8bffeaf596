/**
 * CFDI40113 — Comprobante@Moneda.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Moneda.
 */
import { c_Moneda } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40113 = defineRule({
  code: 'CFDI40113',
  node: 'Comprobante',
  attribute: 'Moneda',
  message: 'El campo Moneda no contiene un valor del catálogo c_Moneda.',
  check(c, _ctx, r) {
    checkSmall(r, c_Moneda, 'c_Moneda', c.Moneda, c.Fecha);
  },
});
