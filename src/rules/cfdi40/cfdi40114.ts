/**
 * CFDI40114 — Comprobante@TipoCambio.
 *
 * SAT: Si este atributo es MXN, puede omitirse el atributo TipoCambio, pero si se incluye,
 * debe tener el valor "1".
 */
import { compare } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { amount } from '../helpers.ts';

export const cfdi40114 = defineRule({
  code: 'CFDI40114',
  node: 'Comprobante',
  attribute: 'TipoCambio',
  message: 'El campo TipoCambio no tiene el valor "1" y la moneda indicada es MXN.',
  check(c, _ctx, r) {
    if (c.Moneda !== 'MXN') return r.notApplicable('Moneda is not MXN');
    if (c.TipoCambio === undefined) return;
    const v = amount(c.TipoCambio);
    if (v === undefined || compare(v, '1') !== 0) r.error({ value: c.TipoCambio });
  },
});
