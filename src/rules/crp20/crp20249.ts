/**
 * CRP20249 — pago20:ImpuestosDR/RetencionesDR/RetencionDR@BaseDR.
 *
 * SAT: El valor del campo BaseDR que corresponde a Retención debe ser mayor que cero.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20249 = defineRule({
  code: 'CRP20249',
  node: 'pago20:ImpuestosDR/RetencionesDR/RetencionDR',
  attribute: 'BaseDR',
  message: 'El valor del campo BaseDR que corresponde a Retención debe ser mayor que cero.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'RetencionesDR');
    if (list.length === 0) return r.notApplicable('no RetencionesDR');
    for (const { t, d, node } of list) {
      if (!(isAmount(t.BaseDR) && fixed(t.BaseDR).v > 0n)) r.error({ node, attribute: 'BaseDR', value: t.BaseDR });
    }
  },
});
