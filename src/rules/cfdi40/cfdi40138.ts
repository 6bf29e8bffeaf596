/**
 * CFDI40138 — cfdi:Emisor@Nombre.
 *
 * SAT: Este atributo, debe corresponder con el nombre del titular del certificado de sello
 * digital del emisor.
 *
 * The titular's name is read from the document's Certificado when sealed, otherwise from the
 * registry source (by default the empresa's CSD). Names compare case- and space-insensitively,
 * and the CSD's corporate-regime suffix (SA DE CV, S DE RL…) is ignored: in CFDI 4.0 the
 * Nombre is written without it.
 */
import { defineRule } from '../define-rule.ts';
import { sameTitular, titularCsd } from '../helpers.ts';

export const cfdi40138 = defineRule({
  code: 'CFDI40138',
  node: 'cfdi:Emisor',
  attribute: 'Nombre',
  message: 'El campo Nombre del emisor, no corresponde con el nombre del titular del certificado de sello digital del Emisor.',
  check(c, ctx, r) {
    if (c.Emisor.FacAtrAdquirente !== undefined) return r.notApplicable('FacAtrAdquirente: the CSD is the adquirente\'s (CFDI40139)');
    const t = titularCsd(c, ctx);
    if (t.nombre === undefined) return r.notChecked(`se desconoce el nombre del titular del CSD (${t.source}); importe el CSD de la empresa (cfdi-async csd import) o incluya el Certificado`);
    if (!sameTitular(c.Emisor.Nombre, t.nombre)) r.error({ value: c.Emisor.Nombre, detail: `the CSD titular is "${t.nombre}" (${t.source})` });
  },
});
