/**
 * CFDI40120 — Comprobante@Total.
 *
 * SAT: Si el valor es superior al límite que establezca el SAT en la Resolución Miscelánea
 * Fiscal vigente, el emisor debe obtener del PAC que vaya a timbrar el CFDI, de manera no
 * automática, una clave de confirmación para ratificar que el valor es correcto e integrar
 * dicha clave en el atributo Confirmacion.
 *
 * The limit is the column valor_maximo of c_TipoDeComprobante (in pesos: Total × TipoCambio).
 */
import { c_TipoDeComprobante, lookup } from '../../catalogs/index.ts';
import { compare, mul } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { amount, trasOtroError } from '../helpers.ts';

export const cfdi40120 = defineRule({
  code: 'CFDI40120',
  node: 'Comprobante',
  attribute: 'Total',
  message: 'Cuando el valor del campo Total se encuentre fuera de los límites establecidos, debe existir el campo Confirmacion.',
  check(c, _ctx, r) {
    const tipo = lookup(c_TipoDeComprobante, c.TipoDeComprobante, c.Fecha);
    const total = amount(c.Total);
    if (!tipo || total === undefined) return r.notChecked(trasOtroError('el TipoDeComprobante o el Total no son válidos', 'CFDI40121/CFDI40999'));
    const tc = c.TipoCambio !== undefined ? amount(c.TipoCambio) : { v: 1n, s: 0 };
    if (tc === undefined) return r.notChecked(trasOtroError('el TipoCambio no es un número', 'CFDI40117'));
    // The limit (c_TipoDeComprobante.valor_maximo) is in pesos.
    const enPesos = mul(total, tc);
    if (compare(enPesos, tipo.valorMaximo) <= 0) return;
    if (c.Confirmacion === undefined) r.error({ value: c.Total, detail: `above the limit ${tipo.valorMaximo} for ${c.TipoDeComprobante}` });
  },
});
