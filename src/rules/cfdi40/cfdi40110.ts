/**
 * CFDI40110 — Comprobante@Descuento.
 *
 * SAT: El valor registrado debe ser menor o igual que el atributo Subtotal.
 */
import { compare } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { amount } from '../helpers.ts';

export const cfdi40110 = defineRule({
  code: 'CFDI40110',
  node: 'Comprobante',
  attribute: 'Descuento',
  message: 'El valor registrado en el campo Descuento no es menor o igual que el campo Subtotal.',
  check(c, _ctx, r) {
    if (c.Descuento === undefined) return r.notApplicable('no Descuento');
    const d = amount(c.Descuento);
    const s = amount(c.SubTotal);
    if (d === undefined || s === undefined) return;
    if (compare(d, s) > 0) r.error({ value: c.Descuento, detail: `SubTotal is ${c.SubTotal}` });
  },
});
