/**
 * CFDI40203 — cfdi:Impuestos@TotalImpuestosRetenidos.
 *
 * SAT: El valor de este atributo debe ser igual a la suma de los importes registrados en el
 * elemento hijo Retencion.
 */
import { defineRule } from '../define-rule.ts';
import { amount, Dec, isAmount } from '../helpers.ts';

export const cfdi40203 = defineRule({
  code: 'CFDI40203',
  node: 'cfdi:Impuestos',
  attribute: 'TotalImpuestosRetenidos',
  message: 'El valor del campo TotalImpuestosRetenidos debe ser igual a la suma de los importes registrados en el elemento hijo Retencion.',
  check(c, _ctx, r) {
    const imp = c.Impuestos;
    if (imp?.TotalImpuestosRetenidos === undefined) return r.notApplicable('no TotalImpuestosRetenidos');
    const total = amount(imp.TotalImpuestosRetenidos);
    const importes = imp.Retenciones.map((t) => t.Importe ?? '0');
    if (total === undefined || !importes.every(isAmount)) return r.notChecked('an amount is not a decimal (CFDI40999)');
    const s = importes.reduce((acc, v) => acc.plus(v), new Dec(0));
    if (!total.eq(s)) r.error({ value: imp.TotalImpuestosRetenidos, detail: `the sum of the Retencion Importe values is ${s.toString()}` });
  },
});
