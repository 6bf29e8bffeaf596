/**
 * CFDI40134 — cfdi:InformacionGlobal@Meses.
 *
 * SAT: Si el atributo Periodicidad contiene un valor diferente de “05”, este atributo debe
 * contener alguno de los valores “01”, “02”, “03”, “04”, “05”, “06”, “07”, “08”, “09”, “10”,
 * “11”, "12".
 */
import { c_Meses } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40134 = defineRule({
  code: 'CFDI40134',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Meses',
  message: 'El campo Meses, no contiene alguno de los valores “01”, “02”, “03”, “04”, “05”, “06”, “07”, “08”, “09”, “10”, “11” o "12".',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    if (g.Periodicidad === '05') return r.notApplicable('Periodicidad is 05');
    if (!Object.hasOwn(c_Meses, g.Meses)) return r.notChecked(trasOtroError('Meses no está en c_Meses', 'CFDI40133'));
    if (!/^(0[1-9]|1[0-2])$/.test(g.Meses)) r.error({ value: g.Meses });
  },
});
