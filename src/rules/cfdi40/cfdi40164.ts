/**
 * CFDI40164 — cfdi:Conceptos/Concepto@ClaveProdServ.
 *
 * SAT: Deben existir los impuestos trasladados y/o retenidos que señale el catálogo
 * c_ClaveProdServ aplicables para este atributo.
 *
 * c_ClaveProdServ columns "Incluir IVA trasladado" / "Incluir IEPS trasladado": a "Sí"
 * (stored 1 by `catalogs import`) requires that tax among the concept's taxes ("Opcional"
 * and "No", stored 0, require nothing).
 */
import { defineRule } from '../define-rule.ts';
import { catalogFlag, conceptoNode, largeLookup } from '../helpers.ts';

export const cfdi40164 = defineRule({
  code: 'CFDI40164',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'ClaveProdServ',
  message: 'No está declarado el impuesto relacionado con el valor de ClaveProdServ.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const l = largeLookup(ctx, 'c_ClaveProdServ', k.ClaveProdServ);
      if (l.kind === 'unknown') return r.notChecked(l.detail, { node: conceptoNode(i), value: k.ClaveProdServ });
      if (l.kind === 'missing') return;
      const needs = [catalogFlag(l.row.iva_trasladado) ? '002' : '', catalogFlag(l.row.ieps_trasladado) ? '003' : ''].filter(Boolean);
      if (needs.length === 0) return;
      applies = true;
      const declared = new Set([...(k.Impuestos?.Traslados ?? []), ...(k.Impuestos?.Retenciones ?? [])].map((t) => t.Impuesto));
      const missing = needs.filter((n) => !declared.has(n));
      if (missing.length) r.error({ node: conceptoNode(i), value: k.ClaveProdServ, detail: `c_ClaveProdServ requires impuesto ${missing.join(', ')}` });
    });
    if (!applies && r.findings.length === 0) r.notApplicable('no ClaveProdServ requires a tax');
  },
});
