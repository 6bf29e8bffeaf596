/**
 * CFDI40127 — Comprobante@Confirmacion.
 *
 * SAT: Este atributo no debe existir cuando los atributos TipoCambio y/o Total están dentro
 * del rango permitido.
 */
import { c_Moneda, c_TipoDeComprobante, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { amount, Dec } from '../helpers.ts';

export const cfdi40127 = defineRule({
  code: 'CFDI40127',
  node: 'Comprobante',
  attribute: 'Confirmacion',
  message: 'El campo Confirmacion no debe existir cuando los campos TipoCambio y/o Total están dentro del rango permitido.',
  check(c, ctx, r) {
    if (c.Confirmacion === undefined) return r.notApplicable('no Confirmacion');
    const tipo = lookup(c_TipoDeComprobante, c.TipoDeComprobante, c.Fecha);
    const total = amount(c.Total);
    const tc = c.TipoCambio !== undefined ? amount(c.TipoCambio) : new Dec(1);
    if (!tipo || total === undefined || tc === undefined) return r.notChecked('Total, TipoCambio or TipoDeComprobante invalid');
    if (total.times(tc).gt(tipo.valorMaximo)) return r.ok({ detail: 'Total is above the limit' });
    if (c.TipoCambio === undefined || c.Moneda === 'MXN' || c.Moneda === 'XXX') return r.error({ value: c.Confirmacion });
    const ref = amount(ctx.registry?.tipoCambioReferencia);
    const moneda = lookup(c_Moneda, c.Moneda, c.Fecha);
    if (ref === undefined || ref.isZero() || !moneda) return r.notChecked('no reference exchange rate to tell whether TipoCambio is out of range');
    if (tc.minus(ref).abs().div(ref).times(100).lte(moneda.porcentajeVariacion)) r.error({ value: c.Confirmacion });
  },
});
