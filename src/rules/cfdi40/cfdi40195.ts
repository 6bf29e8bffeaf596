/**
 * CFDI40195 — cfdi:Conceptos/Concepto:InformacionAduanera@NumeroPedimento.
 *
 * SAT: El NumeroPedimento no debe existir si se incluye el complemento de comercio exterior.
 */
import { defineRule } from '../define-rule.ts';
import { hasComercioExterior } from '../helpers.ts';

export const cfdi40195 = defineRule({
  code: 'CFDI40195',
  node: 'cfdi:Conceptos/Concepto:InformacionAduanera',
  attribute: 'NumeroPedimento',
  message: 'El NumeroPedimento no debe existir si se incluye el complemento de comercio exterior.',
  check(c, _ctx, r) {
    const pedimentos = c.Conceptos.some((k) => k.InformacionAduanera.length > 0);
    if (!hasComercioExterior(c)) return r.notApplicable('no Comercio Exterior');
    if (pedimentos) r.error({ detail: 'a Concepto carries InformacionAduanera' });
  },
});
