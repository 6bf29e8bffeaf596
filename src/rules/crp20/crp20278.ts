/**
 * CRP20278 — pago20:Pago/DoctoRelacionado@ObjetoImpDR.
 *
 * SAT: Si ObjetoImpDR es 06 u 08 no deben registrarse RetencionDR/TrasladoDR con ImpuestoDR 002
 * (IVA) ni 003 (IEPS); puede registrarse RetencionDR 001 (ISR).
 *
 * Paraphrase of the SAT matrix (see the matrix's source column); ISR may still be withheld.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20278 = defineRule({
  code: 'CRP20278',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ObjetoImpDR',
  message: 'Si ObjetoImpDR es 06 u 08 no deben registrarse RetencionDR/TrasladoDR con ImpuestoDR 002 (IVA) ni 003 (IEPS); puede registrarse RetencionDR 001 (ISR).',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    for (const { d, node } of doctos(p)) {
      if (d.ObjetoImpDR !== '06' && d.ObjetoImpDR !== '08') continue;
      applies = true;
      const i = d.ImpuestosDR;
      const malos = [...(i?.TrasladosDR ?? []), ...(i?.RetencionesDR ?? [])].filter((t) => t.ImpuestoDR === '002' || t.ImpuestoDR === '003');
      if (malos.length) r.error({ node, attribute: 'ObjetoImpDR', value: d.ObjetoImpDR, detail: `taxes ${malos.map((t) => t.ImpuestoDR).join(', ')}` });
    }
    if (!applies) r.notApplicable('no ObjetoImpDR 06 or 08');
  },
});
