/**
 * CFDI40202 — cfdi:Impuestos@TotalImpuestosRetenidos.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40202 = defineRule({
  code: 'CFDI40202',
  node: 'cfdi:Impuestos',
  attribute: 'TotalImpuestosRetenidos',
  message: 'El valor del campo TotalImpuestosRetenidos debe tener hasta la cantidad de decimales que soporte la moneda.',
  check(c, _ctx, r) {
    const v = c.Impuestos?.TotalImpuestosRetenidos;
    if (v === undefined) return r.notApplicable('no TotalImpuestosRetenidos');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined || !isAmount(v)) return;
    if (decimalsOf(v) > d) r.error({ value: v, detail: `${c.Moneda} allows ${d} decimals` });
  },
});
