/**
 * CFDI40141 — cfdi:Emisor@RegimenFiscal.
 *
 * SAT: El régimen fiscal que se registre en este atributo debe corresponder con el tipo de
 * persona del emisor.
 *
 * RFC length 12 is a persona moral, 13 a persona física; c_RegimenFiscal says which régimen
 * applies to each.
 */
import { c_RegimenFiscal, lookup, tipoPersona } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40141 = defineRule({
  code: 'CFDI40141',
  node: 'cfdi:Emisor',
  attribute: 'RegimenFiscal',
  message: 'La clave del campo RegimenFiscal debe corresponder con el tipo de persona (fisica o moral).',
  check(c, _ctx, r) {
    const regimen = lookup(c_RegimenFiscal, c.Emisor.RegimenFiscal, c.Fecha);
    if (!regimen) return r.notChecked(trasOtroError('el régimen no está en c_RegimenFiscal', 'CFDI40140'));
    const persona = tipoPersona(c.Emisor.Rfc);
    if (!persona) return r.notChecked(trasOtroError('el RFC no tiene 12 ni 13 caracteres', 'CFDI40999'));
    if (persona === 'moral' ? !regimen.aplicaMoral : !regimen.aplicaFisica) r.error({ value: c.Emisor.RegimenFiscal, detail: `persona ${persona === 'moral' ? 'moral' : 'física'} ${c.Emisor.Rfc}` });
  },
});
