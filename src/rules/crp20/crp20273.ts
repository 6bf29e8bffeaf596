/**
 * CRP20273 — pago20:ImpuestosP/TrasladosP/TrasladoP@ImporteP.
 *
 * SAT: Deben existir al menos uno de los campos TotalTrasladosImpuestoIVA16,
 * TotalTrasladosImpuestoIVA8, TotalTrasladosImpuestoIVA0 cuando existan conceptos con un
 * TipoFactor distinto a Exento.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20273 = defineRule({
  code: 'CRP20273',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'ImporteP',
  message: 'Deben existir al menos uno de los campos TotalTrasladosImpuestoIVA16, TotalTrasladosImpuestoIVA8, TotalTrasladosImpuestoIVA0 cuando existan conceptos con un TipoFactor distinto a Exento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const hay = p.Pago.some((pago) => (pago.ImpuestosP?.TrasladosP ?? []).some((t) => t.ImpuestoP === '002' && t.TipoFactorP !== 'Exento'));
    if (!hay) return r.notApplicable('no TrasladoP of IVA other than Exento');
    const t = p.Totales;
    if (t.TotalTrasladosImpuestoIVA16 === undefined && t.TotalTrasladosImpuestoIVA8 === undefined && t.TotalTrasladosImpuestoIVA0 === undefined) r.error({ node: 'pago20:Totales' });
  },
});
