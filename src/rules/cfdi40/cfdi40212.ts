/**
 * CFDI40212 — cfdi:Impuestos:Traslados@Traslados.
 *
 * SAT: Debe existir el atributo TotalImpuestosTrasladados, cuando existan conceptos con un
 * TipoFactor distinto a Exento.
 */
import { defineRule } from '../define-rule.ts';
import { conceptTraslados } from '../helpers.ts';

export const cfdi40212 = defineRule({
  code: 'CFDI40212',
  node: 'cfdi:Impuestos:Traslados',
  attribute: 'Traslados',
  message: 'Debe existir el campo TotalImpuestosTrasladados.',
  check(c, _ctx, r) {
    if (!conceptTraslados(c).some((t) => t.TipoFactor !== 'Exento')) return r.notApplicable('no Concepto traslado other than Exento');
    if (c.Impuestos?.TotalImpuestosTrasladados === undefined) r.error({ node: 'Impuestos', attribute: 'TotalImpuestosTrasladados' });
  },
});
