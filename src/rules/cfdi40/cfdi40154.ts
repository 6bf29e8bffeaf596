/**
 * CFDI40154 — cfdi:Receptor@NumRegIdTrib.
 *
 * SAT: Si el valor del atributo es un RFC inscrito no cancelado en el SAT o un RFC genérico
 * nacional, no se debe registrar este atributo.
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO } from '../registry.ts';

export const cfdi40154 = defineRule({
  code: 'CFDI40154',
  node: 'cfdi:Receptor',
  attribute: 'NumRegIdTrib',
  message: 'El valor del campo es un RFC inscrito no cancelado en el SAT o un RFC genérico nacional, y se registró el campo NumRegIdTrib.',
  check(c, _ctx, r) {
    if (c.Receptor.Rfc === RFC_EXTRANJERO) return r.notApplicable('foreign generic RFC');
    if (c.Receptor.NumRegIdTrib !== undefined) r.error({ value: c.Receptor.NumRegIdTrib, detail: `receptor RFC ${c.Receptor.Rfc}` });
  },
});
