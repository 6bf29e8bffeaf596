/**
 * CRP20257 — pago20:ImpuestosDR/TrasladosDR/TrasladoDR@TipoFactorDR.
 *
 * SAT: El valor del campo TipoFactorDR que corresponde a Traslado no contiene un valor del
 * catálogo c_TipoFactor.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { c_TipoFactor, lookup } from '../../catalogs/index.ts';

export const crp20257 = defineRule({
  code: 'CRP20257',
  node: 'pago20:ImpuestosDR/TrasladosDR/TrasladoDR',
  attribute: 'TipoFactorDR',
  message: 'El valor del campo TipoFactorDR que corresponde a Traslado no contiene un valor del catálogo c_TipoFactor.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'TrasladosDR');
    if (list.length === 0) return r.notApplicable('no TrasladosDR');
    for (const { t, d, node } of list) {
      if (lookup(c_TipoFactor, t.TipoFactorDR, c.Fecha) === undefined) r.error({ node, attribute: 'TipoFactorDR', value: t.TipoFactorDR });
    }
  },
});
