/**
 * CRP20252 — pago20:ImpuestosDR/RetencionesDR/RetencionDR@TipoFactorDR.
 *
 * SAT: El valor registrado en el campo TipoFactorDR que corresponde a Retención debe ser distinto
 * de Exento.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';

export const crp20252 = defineRule({
  code: 'CRP20252',
  node: 'pago20:ImpuestosDR/RetencionesDR/RetencionDR',
  attribute: 'TipoFactorDR',
  message: 'El valor registrado en el campo TipoFactorDR que corresponde a Retención debe ser distinto de Exento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'RetencionesDR');
    if (list.length === 0) return r.notApplicable('no RetencionesDR');
    for (const { t, d, node } of list) {
      if (t.TipoFactorDR === 'Exento') r.error({ node, attribute: 'TipoFactorDR', value: t.TipoFactorDR });
    }
  },
});
