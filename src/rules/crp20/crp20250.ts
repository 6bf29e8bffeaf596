/**
 * CRP20250 — pago20:ImpuestosDR/RetencionesDR/RetencionDR@ImpuestoDR.
 *
 * SAT: El valor del campo ImpuestoDR que corresponde a Retención no contiene un valor del
 * catálogo c_Impuesto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { c_Impuesto, lookup } from '../../catalogs/index.ts';

export const crp20250 = defineRule({
  code: 'CRP20250',
  node: 'pago20:ImpuestosDR/RetencionesDR/RetencionDR',
  attribute: 'ImpuestoDR',
  message: 'El valor del campo ImpuestoDR que corresponde a Retención no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'RetencionesDR');
    if (list.length === 0) return r.notApplicable('no RetencionesDR');
    for (const { t, d, node } of list) {
      if (lookup(c_Impuesto, t.ImpuestoDR, c.Fecha) === undefined) r.error({ node, attribute: 'ImpuestoDR', value: t.ImpuestoDR });
    }
  },
});
