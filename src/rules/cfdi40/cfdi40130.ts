/**
 * CFDI40130 — cfdi:InformacionGlobal.
 *
 * SAT: Este Nodo debe existir cuando el atributo Rfc del nodo receptor contiene el valor
 * "XAXX010101000" y el valor del atributo Nombre del nodo Receptor contiene el valor “PUBLICO
 * EN GENERAL”.
 *
 * Both directions: the node is required for XAXX010101000 + PUBLICO EN GENERAL and is an error
 * for any other receptor.
 */
import { defineRule } from '../define-rule.ts';
import { RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40130 = defineRule({
  code: 'CFDI40130',
  node: 'cfdi:InformacionGlobal',
  message: 'El campo Rfc del nodo receptor debe contener valor "XAXX010101000" y el valor del campo Nombre del nodo Receptor debe contener el valor “PUBLICO EN GENERAL”.',
  check(c, _ctx, r) {
    const publico = c.Receptor.Rfc === RFC_PUBLICO_GENERAL && c.Receptor.Nombre === 'PUBLICO EN GENERAL';
    if (publico && c.InformacionGlobal === undefined) return r.error({ detail: 'the receptor is público en general: InformacionGlobal is required' });
    if (!publico && c.InformacionGlobal !== undefined) return r.error({ value: `${c.Receptor.Rfc} / ${c.Receptor.Nombre}` });
    if (!publico) r.notApplicable('the receptor is not público en general');
  },
});
