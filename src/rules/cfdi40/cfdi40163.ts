/**
 * CFDI40163 — cfdi:Conceptos/Concepto@ClaveProdServ.
 *
 * SAT: Deben existir los complementos que señale el catálogo c_ClaveProdServ aplicables para
 * este atributo.
 *
 * c_ClaveProdServ column "complemento que debe incluir": when it names one, the document must
 * carry a fiscal complement (or the concept a ComplementoConcepto). The column is free text,
 * so the complement's kind is not matched.
 */
import { defineRule } from '../define-rule.ts';
import { complementos, conceptoNode, largeLookup } from '../helpers.ts';

export const cfdi40163 = defineRule({
  code: 'CFDI40163',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveProdServ',
  message: 'No existe el complemento requerido para el valor de ClaveProdServ.',
  check(c, ctx, r) {
    const tieneComplemento = complementos(c).length > 0;
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const l = largeLookup(ctx, 'c_ClaveProdServ', k.ClaveProdServ);
      if (l.kind === 'unknown') return r.notChecked(l.detail, { node: conceptoNode(i), value: k.ClaveProdServ });
      if (l.kind === 'missing' || !l.row.complemento) return;
      applies = true;
      if (!tieneComplemento && !(k.ComplementoConcepto?.length)) {
        r.error({ node: conceptoNode(i), value: k.ClaveProdServ, detail: `c_ClaveProdServ requires: ${l.row.complemento}` });
      }
    });
    if (!applies && r.findings.length === 0) r.notApplicable('no ClaveProdServ requires a complement');
  },
});
