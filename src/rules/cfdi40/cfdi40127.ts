/**
 * CFDI40127 — Comprobante@Confirmacion.
 *
 * SAT: Este atributo no debe existir cuando los atributos TipoCambio y/o Total están dentro
 * del rango permitido.
 */
import { c_Moneda, c_TipoDeComprobante, lookup } from '../../catalogs/index.ts';
import { compare, mul } from '../../cfdi/amounts/decimal.ts';
import { compareVariation } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, soloSatOPac, trasOtroError } from '../helpers.ts';
import { pagosDe } from '../../cfdi/pagos/element.ts';

export const cfdi40127 = defineRule({
  code: 'CFDI40127',
  node: 'Comprobante',
  attribute: 'Confirmacion',
  message: 'El campo Confirmacion no debe existir cuando los campos TipoCambio y/o Total están dentro del rango permitido.',
  check(c, ctx, r) {
    if (c.Confirmacion === undefined) return r.notApplicable('no Confirmacion');
    const tipo = lookup(c_TipoDeComprobante, c.TipoDeComprobante, c.Fecha);
    const total = amount(c.Total);
    const tc = c.TipoCambio !== undefined ? amount(c.TipoCambio) : { v: 1n, s: 0 };
    if (!tipo || total === undefined || tc === undefined) return r.notChecked(trasOtroError('el Total, el TipoCambio o el TipoDeComprobante no son válidos', 'CFDI40999/CFDI40117/CFDI40121'));
    if (compare(mul(total, tc), tipo.valorMaximo) > 0) return r.ok({ detail: 'Total is above the limit' });
    // A payment receipt's Total is 0: its Confirmacion ratifies a TipoCambioP or Monto of the
    // Pagos complement instead (CRP20216, CRP20220), which those rules judge.
    const pagos = pagosDe(c);
    if (pagos?.Pago.some((p) => p.MonedaP !== 'MXN' || (amount(p.Monto) !== undefined && compare(mul(p.Monto, amount(p.TipoCambioP) ?? { v: 1n, s: 0 }), tipo.valorMaximo) > 0))) {
      return r.ok({ detail: 'a Pago in a foreign currency or above the limit may need it (CRP20216/CRP20220)' });
    }
    if (c.TipoCambio === undefined || c.Moneda === 'MXN' || c.Moneda === 'XXX') return r.error({ value: c.Confirmacion });
    const ref = amount(ctx.registry?.tipoCambioReferencia);
    const moneda = lookup(c_Moneda, c.Moneda, c.Fecha);
    if (ref === undefined || ref.v === 0n || !moneda) return r.notChecked(soloSatOPac('no se conoce el tipo de cambio de referencia para saber si el TipoCambio está fuera del rango'));
    if (compareVariation(tc, ref, moneda.porcentajeVariacion) <= 0) r.error({ value: c.Confirmacion });
  },
});
