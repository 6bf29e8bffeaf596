/**
 * CFDI40112 — Comprobante@Descuento.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40112 = defineRule({
  code: 'CFDI40112',
  node: 'Comprobante',
  attribute: 'Descuento',
  message: 'El valor del campo Descuento excede la cantidad de decimales que soporta la moneda.',
  check(c, _ctx, r) {
    if (c.Descuento === undefined) return r.notApplicable('no Descuento');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined || !isAmount(c.Descuento)) return;
    if (decimalsOf(c.Descuento) > d) r.error({ value: c.Descuento, detail: `${c.Moneda} allows ${d} decimals` });
  },
});
