/**
 * CFDI40161 — cfdi:Receptor@UsoCFDI.
 *
 * SAT: El valor que se registre en este atributo debe aplicar para el tipo de persona del
 * receptor y el régimen correspondiente conforme al catálogo c_UsoCFDI.
 *
 * The uso must apply to the receptor's persona type and list its RegimenFiscalReceptor in
 * c_UsoCFDI.
 */
import { c_RegimenFiscal, c_UsoCFDI, lookup, tipoPersona } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40161 = defineRule({
  code: 'CFDI40161',
  node: 'cfdi:Receptor',
  attribute: 'UsoCFDI',
  message: 'La clave del campo UsoCFDI debe corresponder con el tipo de persona (física o moral) y el régimen correspondiente conforme al catálogo c_UsoCFDI.',
  check(c, _ctx, r) {
    const uso = lookup(c_UsoCFDI, c.Receptor.UsoCFDI, c.Fecha);
    if (!uso) return r.notChecked(trasOtroError('el UsoCFDI no está en c_UsoCFDI', 'CFDI40160'));
    if (!lookup(c_RegimenFiscal, c.Receptor.RegimenFiscalReceptor, c.Fecha)) return r.notChecked(trasOtroError('el RegimenFiscalReceptor no está en c_RegimenFiscal', 'CFDI40157'));
    const persona = tipoPersona(c.Receptor.Rfc);
    if (!persona) return r.notChecked(trasOtroError('el RFC no tiene 12 ni 13 caracteres', 'CFDI40999'));
    if (persona === 'moral' ? !uso.aplicaMoral : !uso.aplicaFisica) {
      return r.error({ value: c.Receptor.UsoCFDI, detail: `${c.Receptor.UsoCFDI} does not apply to a persona ${persona === 'moral' ? 'moral' : 'física'}` });
    }
    if (!uso.regimenesFiscalesReceptores.includes(c.Receptor.RegimenFiscalReceptor)) {
      r.error({ value: c.Receptor.UsoCFDI, detail: `${c.Receptor.UsoCFDI} does not apply to régimen ${c.Receptor.RegimenFiscalReceptor}` });
    }
  },
});
