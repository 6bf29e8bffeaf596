/**
 * CFDI40107 — Comprobante@SubTotal.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40107 = defineRule({
  code: 'CFDI40107',
  node: 'Comprobante',
  attribute: 'SubTotal',
  message: 'El valor de este campo SubTotal excede la cantidad de decimales que soporta la moneda.',
  check(c, _ctx, r) {
    const d = monedaDecimalesOr(c, r);
    if (d === undefined || !isAmount(c.SubTotal)) return;
    if (decimalsOf(c.SubTotal) > d) r.error({ value: c.SubTotal, detail: `${c.Moneda} allows ${d} decimals` });
  },
});
