/**
 * CFDI40119 — Comprobante@Total.
 *
 * SAT: Atributo requerido para representar la suma del subtotal, menos los descuentos
 * aplicables, más las contribuciones recibidas (impuestos trasladados - federales y/o locales,
 * derechos, productos, aprovechamientos, aportaciones de seguridad social, contribuciones de
 * mejoras) menos los impuestos retenidos y/o locales.
 *
 * Total = SubTotal − Descuento + TotalImpuestosTrasladados − TotalImpuestosRetenidos (+ the
 * implocal complement's TotaldeTraslados − TotaldeRetenciones), rounded to the currency
 * decimals; Total itself may not have more decimals than the currency.
 */
import { roundHalfUp } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { attr, Dec, decimalsOf, impuestosLocales, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40119 = defineRule({
  code: 'CFDI40119',
  node: 'Comprobante',
  attribute: 'Total',
  message: 'El campo Total no corresponde con la suma del subtotal, menos los descuentos aplicables, más las contribuciones recibidas (impuestos trasladados - federales o locales, derechos, productos, aprovechamientos, aportaciones de seguridad social, contribuciones de mejoras) menos los impuestos retenidos y/o locales.',
  check(c, _ctx, r) {
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    const parts = [c.SubTotal, c.Descuento ?? '0', c.Impuestos?.TotalImpuestosTrasladados ?? '0', c.Impuestos?.TotalImpuestosRetenidos ?? '0', c.Total];
    if (!parts.every(isAmount)) return r.notChecked('an amount is not a decimal (CFDI40999)');
    let expected = new Dec(c.SubTotal).minus(c.Descuento ?? '0')
      .plus(c.Impuestos?.TotalImpuestosTrasladados ?? '0')
      .minus(c.Impuestos?.TotalImpuestosRetenidos ?? '0');
    const local = impuestosLocales(c);
    if (local) {
      const t = attr(local, 'TotaldeTraslados') ?? '0';
      const rt = attr(local, 'TotaldeRetenciones') ?? '0';
      if (!isAmount(t) || !isAmount(rt)) return r.notChecked('implocal totals are not decimals');
      expected = expected.plus(t).minus(rt);
    }
    if (decimalsOf(c.Total) > d) return r.error({ value: c.Total, detail: `${c.Moneda} allows ${d} decimals` });
    if (!new Dec(c.Total).eq(roundHalfUp(expected, d))) r.error({ value: c.Total, detail: `SubTotal − Descuento + traslados − retenciones = ${roundHalfUp(expected, d)}` });
  },
});
