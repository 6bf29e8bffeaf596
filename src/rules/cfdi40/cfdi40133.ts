/**
 * CFDI40133 — cfdi:InformacionGlobal@Meses.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Meses
 */
import { c_Meses } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40133 = defineRule({
  code: 'CFDI40133',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Meses',
  message: 'El campo Meses, no contiene un valor del catálogo c_Meses.',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    checkSmall(r, c_Meses, 'c_Meses', g.Meses, c.Fecha);
  },
});
