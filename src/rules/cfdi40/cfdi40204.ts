/**
 * CFDI40204 — cfdi:Impuestos@TotalImpuestosTrasladados.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40204 = defineRule({
  code: 'CFDI40204',
  node: 'cfdi:Impuestos',
  attribute: 'TotalImpuestosTrasladados',
  message: 'El valor del campo TotalImpuestosTrasladados debe tener hasta la cantidad de decimales que soporte la moneda.',
  check(c, _ctx, r) {
    const v = c.Impuestos?.TotalImpuestosTrasladados;
    if (v === undefined) return r.notApplicable('no TotalImpuestosTrasladados');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined || !isAmount(v)) return;
    if (decimalsOf(v) > d) r.error({ value: v, detail: `${c.Moneda} allows ${d} decimals` });
  },
});
