/**
 * CFDI40200 — cfdi:Conceptos/Concepto:Parte:InformacionAduanera@NumeroPedimento.
 *
 * SAT: El NumeroPedimento no debe existir si se incluye el complemento de comercio exterior.
 */
import { defineRule } from '../define-rule.ts';
import { hasComercioExterior } from '../helpers.ts';

export const cfdi40200 = defineRule({
  code: 'CFDI40200',
  node: 'cfdi:Conceptos/Concepto:Parte:InformacionAduanera',
  attribute: 'NumeroPedimento',
  message: 'El NumeroPedimento no debe existir si se incluye el complemento de comercio exterior.',
  check(c, _ctx, r) {
    if (!hasComercioExterior(c)) return r.notApplicable('no Comercio Exterior');
    if (c.Conceptos.some((k) => k.Parte.some((p) => p.InformacionAduanera.length > 0))) r.error({ detail: 'a Parte carries InformacionAduanera' });
  },
});
