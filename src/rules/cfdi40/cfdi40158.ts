/**
 * CFDI40158 — cfdi:Receptor@RegimenFiscalReceptor.
 *
 * SAT: El régimen fiscal que se registre en este atributo debe corresponder con el tipo de
 * persona del receptor.
 *
 * RFC length 12 is a persona moral, 13 a persona física.
 */
import { c_RegimenFiscal, lookup, tipoPersona } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40158 = defineRule({
  code: 'CFDI40158',
  node: 'cfdi:Receptor',
  attribute: 'RegimenFiscalReceptor',
  message: 'La clave del campo RegimenFiscalR debe corresponder con el tipo de persona (física o moral).',
  check(c, _ctx, r) {
    const regimen = lookup(c_RegimenFiscal, c.Receptor.RegimenFiscalReceptor, c.Fecha);
    if (!regimen) return r.notChecked(trasOtroError('el régimen no está en c_RegimenFiscal', 'CFDI40157'));
    const persona = tipoPersona(c.Receptor.Rfc);
    if (!persona) return r.notChecked(trasOtroError('el RFC no tiene 12 ni 13 caracteres', 'CFDI40999'));
    if (persona === 'moral' ? !regimen.aplicaMoral : !regimen.aplicaFisica) {
      r.error({ value: c.Receptor.RegimenFiscalReceptor, detail: `persona ${persona === 'moral' ? 'moral' : 'física'} ${c.Receptor.Rfc}` });
    }
  },
});
