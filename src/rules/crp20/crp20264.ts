/**
 * CRP20264 — pago20:ImpuestosP/RetencionesP/RetencionP@ImporteP.
 *
 * SAT: Debe existir al menos uno de los campos TotalRetencionesIVA, TotalRetencionesISR,
 * TotalRetencionesIEPS.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20264 = defineRule({
  code: 'CRP20264',
  node: 'pago20:ImpuestosP/RetencionesP/RetencionP',
  attribute: 'ImporteP',
  message: 'Debe existir al menos uno de los campos TotalRetencionesIVA, TotalRetencionesISR, TotalRetencionesIEPS.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const hay = p.Pago.some((pago) => (pago.ImpuestosP?.RetencionesP ?? []).some((t) => ['001', '002', '003'].includes(t.ImpuestoP)));
    if (!hay) return r.notApplicable('no RetencionP');
    const t = p.Totales;
    if (t.TotalRetencionesIVA === undefined && t.TotalRetencionesISR === undefined && t.TotalRetencionesIEPS === undefined) r.error({ node: 'pago20:Totales' });
  },
});
