/**
 * CFDI40122 — Comprobante@Exportacion.
 *
 * SAT: Atributo requerido para expresar si el comprobante ampara una operación de exportación.
 */
import { defineRule } from '../define-rule.ts';
import { hasComercioExterior } from '../helpers.ts';

export const cfdi40122 = defineRule({
  code: 'CFDI40122',
  node: 'Comprobante',
  attribute: 'Exportacion',
  message: 'El campo Exportacion contiene el valor "02", el CFDI debe contener el complemento para Comercio Exterior.',
  check(c, _ctx, r) {
    if (c.Exportacion !== '02') return r.notApplicable('Exportacion is not 02');
    if (!hasComercioExterior(c)) r.error({ value: c.Exportacion });
  },
});
