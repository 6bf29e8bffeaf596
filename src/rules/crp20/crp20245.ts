/**
 * CRP20245 — pago20:Pago/DoctoRelacionado@ObjetoImpDR.
 *
 * SAT: El campo ObjetoImpDR, debe tener un valor del catálogo c_ObjetoImp.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';
import { c_ObjetoImp, lookup } from '../../catalogs/index.ts';

export const crp20245 = defineRule({
  code: 'CRP20245',
  node: 'pago20:Pago/DoctoRelacionado',
  attribute: 'ObjetoImpDR',
  message: 'El campo ObjetoImpDR, debe tener un valor del catálogo c_ObjetoImp.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (lookup(c_ObjetoImp, d.ObjetoImpDR, c.Fecha) === undefined) r.error({ node, attribute: 'ObjetoImpDR', value: d.ObjetoImpDR });
    }
  },
});
