/**
 * CFDI40136 — cfdi:InformacionGlobal@Año.
 *
 * SAT: Atributo requerido para expresar el año al que corresponde la información del
 * comprobante global.
 *
 * "Año en curso" is the year of the Comprobante's Fecha (the rule stays pure: no clock).
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40136 = defineRule({
  code: 'CFDI40136',
  node: 'cfdi:InformacionGlobal',
  attribute: 'Año',
  message: 'El campo Año, no es igual al año en curso o al año inmediato anterior.',
  check(c, _ctx, r) {
    if (!c.InformacionGlobal) return r.notApplicable('no InformacionGlobal');
    const g = c.InformacionGlobal;

    const year = Number(c.Fecha.slice(0, 4));
    if (g.Año !== String(year) && g.Año !== String(year - 1)) r.error({ value: g.Año, detail: `Fecha is in ${year}` });
  },
});
