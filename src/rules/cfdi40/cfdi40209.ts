/**
 * CFDI40209 — cfdi:Impuestos:Retenciones/Retencion@Importe.
 *
 * SAT: Debe existir el atributo TotalImpuestosRetenidos.
 *
 * Read as: Conceptos with Retenciones require the document's Retenciones and
 * TotalImpuestosRetenidos (a Retenciones node without the total is CFDI40206).
 */
import { defineRule } from '../define-rule.ts';
import { conceptRetenciones } from '../helpers.ts';

export const cfdi40209 = defineRule({
  code: 'CFDI40209',
  node: 'cfdi:Impuestos:Retenciones/Retencion',
  attribute: 'Importe',
  message: 'Debe existir el campo TotalImpuestosRetenidos.',
  check(c, _ctx, r) {
    if (conceptRetenciones(c).length === 0) return r.notApplicable('no Concepto withholds');
    if (!c.Impuestos || (c.Impuestos.Retenciones.length === 0 && c.Impuestos.TotalImpuestosRetenidos === undefined)) {
      r.error({ node: 'Impuestos', attribute: 'TotalImpuestosRetenidos', detail: 'Conceptos withhold taxes: the document must total them' });
    }
  },
});
