/**
 * CFDI40132 — cfdi:InformacionGlobal@Periodicidad.
 *
 * SAT: Cuando el valor de este atributo contenga la clave “05” el atributo RegimenFiscal debe
 * contener el valor “621”.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40132 = defineRule({
  code: 'CFDI40132',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Periodicidad',
  message: 'El campo RegimenFiscal, no contiene el valor 621',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    if (g.Periodicidad !== '05') return r.notApplicable('Periodicidad is not 05');
    if (c.Emisor.RegimenFiscal !== '621') r.error({ node: 'Emisor', attribute: 'RegimenFiscal', value: c.Emisor.RegimenFiscal });
  },
});
