/**
 * CFDI40205 — cfdi:Impuestos@TotalImpuestosTrasladados.
 *
 * SAT: El valor de este atributo debe ser igual a la suma de los importes registrados en el
 * elemento hijo Traslado.
 */
import { compare, sum } from '../../cfdi/amounts/decimal.ts';
import { plain } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { amount, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40205 = defineRule({
  code: 'CFDI40205',
  node: 'cfdi:Impuestos',
  attribute: 'TotalImpuestosTrasladados',
  message: 'El valor del campo TotalImpuestosTrasladados no es igual a la suma de los importes registrados en el elemento hijo Traslado.',
  check(c, _ctx, r) {
    const imp = c.Impuestos;
    if (imp?.TotalImpuestosTrasladados === undefined) return r.notApplicable('no TotalImpuestosTrasladados');
    const total = amount(imp.TotalImpuestosTrasladados);
    const importes = imp.Traslados.map((t) => t.Importe ?? '0');
    if (total === undefined || !importes.every(isAmount)) return r.notChecked(trasOtroError('un importe no es un número', 'CFDI40999'));
    const s = sum(importes);
    if (compare(total, s) !== 0) r.error({ value: imp.TotalImpuestosTrasladados, detail: `the sum of the Traslado Importe values is ${plain(s)}` });
  },
});
