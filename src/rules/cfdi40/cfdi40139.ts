/**
 * CFDI40139 — cfdi:Emisor@Nombre.
 *
 * SAT: Si existe el atributo FacAtrAdquirente, este atributo, no debe corresponde a un nombre
 * del titular del certificado de sello digital del Emisor.
 */
import { defineRule } from '../define-rule.ts';
import { sameTitular, titularCsd } from '../helpers.ts';

export const cfdi40139 = defineRule({
  code: 'CFDI40139',
  node: 'cfdi:Emisor',
  attribute: 'Nombre',
  message: 'El campo Nombre del emisor no debe corresponde a un nombre del titular del certificado de sello digital del Emisor',
  check(c, ctx, r) {
    if (c.Emisor.FacAtrAdquirente === undefined) return r.notApplicable('no FacAtrAdquirente');
    const t = titularCsd(c, ctx);
    if (t.nombre === undefined) return r.notChecked(`se desconoce el nombre del titular del CSD (${t.source}); importe el CSD de la empresa (cfdi-async csd import) o incluya el Certificado`);
    if (sameTitular(c.Emisor.Nombre, t.nombre)) r.error({ value: c.Emisor.Nombre, detail: `that is the CSD titular (${t.source})` });
  },
});
