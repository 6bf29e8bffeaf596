/**
 * CFDI40131 — cfdi:InformacionGlobal@Periodicidad.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Periodicidad
 */
import { c_Periodicidad } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40131 = defineRule({
  code: 'CFDI40131',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Periodicidad',
  message: 'El campo Periodicidad, no contiene un valor del catálogo c_Periodicidad.',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    checkSmall(r, c_Periodicidad, 'c_Periodicidad', g.Periodicidad, c.Fecha);
  },
});
