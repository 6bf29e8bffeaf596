/**
 * CFDI40118 — Comprobante@TipoCambio.
 *
 * SAT: Si el valor de este atributo está fuera del porcentaje aplicable a la moneda tomado del
 * catálogo c_Moneda, el emisor debe obtener del PAC que vaya a timbrar el CFDI, de manera no
 * automática, una clave de confirmación para ratificar que el valor es correcto e integrar
 * dicha clave en el atributo Confirmacion.
 *
 * The reference rate comes from the registry source (`tipoCambioReferencia`); without it the
 * rule is notChecked.
 */
import { c_Moneda, lookup } from '../../catalogs/index.ts';
import { compareVariation, plain } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, soloSatOPac, trasOtroError } from '../helpers.ts';

export const cfdi40118 = defineRule({
  code: 'CFDI40118',
  node: 'Comprobante',
  attribute: 'TipoCambio',
  message: 'Cuando el valor del campo TipoCambio se encuentre fuera de los límites establecidos, debe existir el campo Confirmacion.',
  check(c, ctx, r) {
    if (c.TipoCambio === undefined || c.Moneda === 'MXN' || c.Moneda === 'XXX') return r.notApplicable('no foreign-currency TipoCambio');
    if (c.Confirmacion !== undefined) return r.ok({ detail: 'a Confirmacion is present (CFDI40128)' });
    const ref = amount(ctx.registry?.tipoCambioReferencia);
    const v = amount(c.TipoCambio);
    const moneda = lookup(c_Moneda, c.Moneda, c.Fecha);
    if (!moneda || v === undefined) return r.notChecked(trasOtroError('la Moneda o el TipoCambio no son válidos', 'CFDI40113/CFDI40117'));
    if (ref === undefined || ref.v === 0n) return r.notChecked(soloSatOPac(`no se conoce el tipo de cambio de referencia de ${c.Moneda} al ${c.Fecha.slice(0, 10)}`));
    if (compareVariation(v, ref, moneda.porcentajeVariacion) > 0) {
      r.error({ value: c.TipoCambio, detail: `reference rate ${plain(ref)}, allowed variation ${moneda.porcentajeVariacion} %` });
    }
  },
});
