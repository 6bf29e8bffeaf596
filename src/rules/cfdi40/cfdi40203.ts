/**
 * CFDI40203 — cfdi:Impuestos@TotalImpuestosRetenidos.
 *
 * SAT: El valor de este atributo debe ser igual a la suma de los importes registrados en el
 * elemento hijo Retencion.
 */
import { compare, sum } from '../../cfdi/amounts/decimal.ts';
import { plain } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, isAmount, trasOtroError } from '../helpers.ts';

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
    if (total === undefined || !importes.every(isAmount)) return r.notChecked(trasOtroError('un importe no es un número', 'CFDI40999'));
    const s = sum(importes);
    if (compare(total, s) !== 0) r.error({ value: imp.TotalImpuestosRetenidos, detail: `the sum of the Retencion Importe values is ${plain(s)}` });
  },
});
