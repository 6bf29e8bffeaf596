/**
 * CFDI40135 — cfdi:InformacionGlobal@Meses.
 *
 * SAT: Si el atributo Periodicidad contiene el valor “05”, este atributo debe contener alguno
 * de los valores “13”, “14”, “15”, “16”, “17” o “18”.
 */
import { c_Meses } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40135 = defineRule({
  code: 'CFDI40135',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Meses',
  message: 'El campo Meses, no contiene alguno de los valores “13”, “14”, “15”, “16”, “17” o “18”.',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    if (g.Periodicidad !== '05') return r.notApplicable('Periodicidad is not 05');
    if (!Object.hasOwn(c_Meses, g.Meses)) return r.notChecked(trasOtroError('Meses no está en c_Meses', 'CFDI40133'));
    if (!/^1[3-8]$/.test(g.Meses)) r.error({ value: g.Meses });
  },
});
