/**
 * CFDI40108 — Comprobante@SubTotal.
 *
 * SAT: Cuando el TipoDeComprobante sea I, E o N, el importe registrado en el atributo debe ser
 * igual al redondeo de la suma de los importes de los conceptos registrados.
 */
import { compare } from '../../cfdi/amounts/decimal.ts';
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, isAmount, monedaDecimalesOr, TIPOS_CON_IMPORTES, trasOtroError } from '../helpers.ts';

export const cfdi40108 = defineRule({
  code: 'CFDI40108',
  node: 'Comprobante',
  attribute: 'SubTotal',
  message: 'El TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.',
  check(c, _ctx, r) {
    if (!TIPOS_CON_IMPORTES.has(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not I, E or N');
    const d = monedaDecimalesOr(c, r);
    const subTotal = amount(c.SubTotal);
    if (d === undefined || subTotal === undefined) return;
    const importes = c.Conceptos.map((k) => k.Importe);
    if (!importes.every(isAmount)) return r.notChecked(trasOtroError('un Importe de Concepto no es un número', 'CFDI40999'));
    const expected = sumRounded(importes, d);
    if (compare(subTotal, expected) !== 0) r.error({ value: c.SubTotal, detail: `the rounded sum of the Conceptos' Importe is ${expected}` });
  },
});
