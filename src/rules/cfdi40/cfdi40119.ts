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
import { add, compare, roundHalfUp, sub } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { attr, decimalsOf, impuestosLocales, isAmount, monedaDecimalesOr, trasOtroError } from '../helpers.ts';

export const cfdi40119 = defineRule({
  code: 'CFDI40119',
  node: 'Comprobante',
  attribute: 'Total',
  message: 'El campo Total no corresponde con la suma del subtotal, menos los descuentos aplicables, más las contribuciones recibidas (impuestos trasladados - federales o locales, derechos, productos, aprovechamientos, aportaciones de seguridad social, contribuciones de mejoras) menos los impuestos retenidos y/o locales.',
  check(c, _ctx, r) {
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    const parts = [c.SubTotal, c.Descuento ?? '0', c.Impuestos?.TotalImpuestosTrasladados ?? '0', c.Impuestos?.TotalImpuestosRetenidos ?? '0', c.Total];
    if (!parts.every(isAmount)) return r.notChecked(trasOtroError('un importe no es un número', 'CFDI40999'));
    let expected = sub(add(sub(c.SubTotal, c.Descuento ?? '0'), c.Impuestos?.TotalImpuestosTrasladados ?? '0'), c.Impuestos?.TotalImpuestosRetenidos ?? '0');
    const local = impuestosLocales(c);
    if (local) {
      const t = attr(local, 'TotaldeTraslados') ?? '0';
      const rt = attr(local, 'TotaldeRetenciones') ?? '0';
      if (!isAmount(t) || !isAmount(rt)) return r.notChecked('los totales del complemento implocal no son números; corríjalos y esta regla se verificará');
      expected = sub(add(expected, t), rt);
    }
    if (decimalsOf(c.Total) > d) return r.error({ value: c.Total, detail: `${c.Moneda} allows ${d} decimals` });
    const rounded = roundHalfUp(expected, d);
    if (compare(c.Total, rounded) !== 0) r.error({ value: c.Total, detail: `SubTotal − Descuento + traslados − retenciones = ${rounded}` });
  },
});
