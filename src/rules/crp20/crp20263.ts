/**
 * CRP20263 — pago20:ImpuestosP/RetencionesP/RetencionP@ImpuestoP.
 *
 * SAT: Debe haber sólo un registro por cada tipo de impuesto retenido.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20263 = defineRule({
  code: 'CRP20263',
  node: 'pago20:ImpuestosP/RetencionesP/RetencionP',
  attribute: 'ImpuestoP',
  message: 'Debe haber sólo un registro por cada tipo de impuesto retenido.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      const seen = new Set<string>();
      for (const t of pago.ImpuestosP?.RetencionesP ?? []) {
        applies = true;
        if (seen.has(t.ImpuestoP)) r.error({ node: `${pagoNode(i)}/ImpuestosP/RetencionesP`, attribute: 'ImpuestoP', value: t.ImpuestoP });
        seen.add(t.ImpuestoP);
      }
    });
    if (!applies) r.notApplicable('no RetencionP');
  },
});
