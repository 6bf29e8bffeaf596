/**
 * CFDI40156 — cfdi:Receptor@NumRegIdTrib.
 *
 * SAT: Este atributo debe cumplir con el patrón correspondiente incluido en la columna
 * “Formato de Registro de Identidad Tributaria” que publique en el catalogo de C_Pais.
 *
 * The pattern is c_Pais "Formato de Registro de Identidad Tributaria" of the ResidenciaFiscal.
 * Countries whose column says "Lista del país" would need that country's list: only the
 * pattern is checked.
 */
import { c_Pais } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';

export const cfdi40156 = defineRule({
  code: 'CFDI40156',
  node: 'cfdi:Receptor',
  attribute: 'NumRegIdTrib',
  message: 'El campo NumRegIdTrib no cumple con el patrón correspondiente.',
  check(c, _ctx, r) {
    const n = c.Receptor.NumRegIdTrib;
    if (n === undefined) return r.notApplicable('no NumRegIdTrib');
    const pais = c.Receptor.ResidenciaFiscal;
    if (pais === undefined || !Object.hasOwn(c_Pais, pais)) return r.notChecked('no valid ResidenciaFiscal (CFDI40150/CFDI40153)', { value: n });
    const patron = c_Pais[pais].patronIdentidadTributaria;
    if (patron === undefined) return r.ok({ detail: `c_Pais has no tax-id pattern for ${pais}` });
    if (!new RegExp(`^(${patron})$`).test(n)) r.error({ value: n, detail: `pattern of ${pais}: ${patron}` });
  },
});
