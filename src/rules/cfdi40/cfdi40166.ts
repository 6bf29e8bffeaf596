/**
 * CFDI40166 — cfdi:Conceptos/Concepto@ValorUnitario.
 *
 * SAT: El valor de este atributo debe ser mayor que cero (0) cuando el tipo de comprobante es
 * Ingreso, Egreso o Nomina.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, positive, TIPOS_CON_IMPORTES } from '../helpers.ts';

export const cfdi40166 = defineRule({
  code: 'CFDI40166',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ValorUnitario',
  message: 'El valor valor del campo ValorUnitario debe ser mayor que cero (0) cuando el tipo de comprobante es Ingreso, Egreso o Nomina.',
  check(c, _ctx, r) {
    if (!TIPOS_CON_IMPORTES.has(c.TipoDeComprobante)) return r.notApplicable('TipoDeComprobante is not I, E or N');
    c.Conceptos.forEach((k, i) => {
      if (positive(k.ValorUnitario) === false) r.error({ node: conceptoNode(i), value: k.ValorUnitario });
    });
  },
});
