/**
 * CFDI40115 — Comprobante@TipoCambio.
 *
 * SAT: Este atributo es requerido cuando el atributo Moneda tenga un valor distinto de MXN y
 * XXX.
 */
import { c_Moneda } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40115 = defineRule({
  code: 'CFDI40115',
  node: 'Comprobante',
  attribute: 'TipoCambio',
  message: 'El campo TipoCambio se debe registrar cuando el campo Moneda tiene un valor distinto de MXN y XXX.',
  check(c, _ctx, r) {
    if (c.Moneda === 'MXN' || c.Moneda === 'XXX') return r.notApplicable(`Moneda is ${c.Moneda}`);
    if (!Object.hasOwn(c_Moneda, c.Moneda)) return r.notChecked(trasOtroError(`la Moneda "${c.Moneda}" no está en c_Moneda`, 'CFDI40113'));
    if (c.TipoCambio === undefined) r.error({ detail: `Moneda is ${c.Moneda}` });
  },
});
