/**
 * CRP20267 — pago20:ImpuestosP/TrasladosP/TrasladoP@BaseP.
 *
 * SAT: Debe existir al menos uno de los campos TotalTrasladosBaseIVA16 y/o y/o
 * TotalTrasladosBaseIVA8 y/o TotalTrasladosBaseIVA0 y/o TotalTrasladosBaseIVAExento.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';

export const crp20267 = defineRule({
  code: 'CRP20267',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'BaseP',
  message: 'Debe existir al menos uno de los campos TotalTrasladosBaseIVA16 y/o y/o TotalTrasladosBaseIVA8 y/o TotalTrasladosBaseIVA0 y/o TotalTrasladosBaseIVAExento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const hay = p.Pago.some((pago) => (pago.ImpuestosP?.TrasladosP ?? []).some((t) => t.ImpuestoP === '002'));
    if (!hay) return r.notApplicable('no TrasladoP of IVA');
    const t = p.Totales;
    if (t.TotalTrasladosBaseIVA16 === undefined && t.TotalTrasladosBaseIVA8 === undefined && t.TotalTrasladosBaseIVA0 === undefined && t.TotalTrasladosBaseIVAExento === undefined) r.error({ node: 'pago20:Totales' });
  },
});
