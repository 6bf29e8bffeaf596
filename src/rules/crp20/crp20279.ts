/**
 * CRP20279 — pago20:Pago/DoctoRelacionado@ObjetoImpDR.
 *
 * SAT: Si ObjetoImpDR es 07 no debe registrarse IVA (002) y debe existir TrasladoDR con
 * ImpuestoDR 003 (IEPS); puede registrarse RetencionDR 001/003.
 *
 * Paraphrase of the SAT matrix: 07 means no IVA and an IEPS traslado.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20279 = defineRule({
  code: 'CRP20279',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ObjetoImpDR',
  message: 'Si ObjetoImpDR es 07 no debe registrarse IVA (002) y debe existir TrasladoDR con ImpuestoDR 003 (IEPS); puede registrarse RetencionDR 001/003.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    for (const { d, node } of doctos(p)) {
      if (d.ObjetoImpDR !== '07') continue;
      applies = true;
      const i = d.ImpuestosDR;
      const todos = [...(i?.TrasladosDR ?? []), ...(i?.RetencionesDR ?? [])];
      if (todos.some((t) => t.ImpuestoDR === '002') || !(i?.TrasladosDR ?? []).some((t) => t.ImpuestoDR === '003')) r.error({ node, attribute: 'ObjetoImpDR', value: d.ObjetoImpDR });
    }
    if (!applies) r.notApplicable('no ObjetoImpDR 07');
  },
});
