/**
 * CFDI40111 — Comprobante@Descuento.
 *
 * SAT: Cuando el TipoDeComprobante sea I, E o N y algún concepto incluya el atributo
 * Descuento, debe existir este atributo y debe ser igual al redondeo de la suma de los
 * atributos Descuento registrados en los conceptos; en otro caso se debe omitir este atributo.
 *
 * Both directions: with concept discounts (I/E/N) the document Descuento must exist and be
 * their rounded sum; without them, or for T/P, it must be omitted.
 */
import { compare } from '../../cfdi/amounts/decimal.ts';
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, isAmount, monedaDecimalesOr, TIPOS_CON_IMPORTES, trasOtroError } from '../helpers.ts';

export const cfdi40111 = defineRule({
  code: 'CFDI40111',
  node: 'Comprobante',
  attribute: 'Descuento',
  message: 'El TipoDeComprobante no es I,E o N, y un concepto incluye el campo descuento.',
  check(c, _ctx, r) {
    const conDescuento = c.Conceptos.filter((k) => k.Descuento !== undefined);
    if (!TIPOS_CON_IMPORTES.has(c.TipoDeComprobante)) {
      if (c.Descuento === undefined && conDescuento.length === 0) return r.notApplicable('TipoDeComprobante is not I, E or N and nothing is discounted');
      return r.error({ value: c.Descuento, detail: 'T and P carry no Descuento' });
    }
    if (conDescuento.length === 0) {
      if (c.Descuento === undefined) return r.notApplicable('no Concepto has a Descuento');
      return r.error({ value: c.Descuento, detail: 'no Concepto has a Descuento: omit it' });
    }
    if (c.Descuento === undefined) return r.error({ detail: 'Conceptos have a Descuento: it must exist' });
    const d = monedaDecimalesOr(c, r);
    const v = amount(c.Descuento);
    if (d === undefined || v === undefined) return;
    const descuentos = conDescuento.map((k) => k.Descuento);
    if (!descuentos.every(isAmount)) return r.notChecked(trasOtroError('un Descuento de Concepto no es un número', 'CFDI40999'));
    const expected = sumRounded(descuentos, d);
    if (compare(v, expected) !== 0) r.error({ value: c.Descuento, detail: `the rounded sum of the Conceptos' Descuento is ${expected}` });
  },
});
