/**
 * CFDI40126 — Comprobante@LugarExpedicion.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_CodigoPostal.
 *
 * Against the imported c_CodigoPostal; notChecked when it is not loaded, or when it is loaded
 * only in part (the shared copy holds CPs 64280–99999) and the CP is not in that part.
 */
import { defineRule } from '../define-rule.ts';
import { checkLarge } from '../helpers.ts';

export const cfdi40126 = defineRule({
  code: 'CFDI40126',
  node: 'Comprobante',
  attribute: 'LugarExpedicion',
  message: 'El campo LugarExpedicion, no contiene un valor del catálogo c_CodigoPostal.',
  check(c, ctx, r) {
    checkLarge(r, ctx, c.Fecha, 'c_CodigoPostal', c.LugarExpedicion, { node: 'Comprobante', attribute: 'LugarExpedicion' });
  },
});
