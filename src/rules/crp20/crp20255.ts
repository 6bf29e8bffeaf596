/**
 * CRP20255 — pago20:ImpuestosDR/TrasladosDR/TrasladoDR@BaseDR.
 *
 * SAT: El valor del campo BaseDR que corresponde a Traslado debe ser mayor que cero.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20255 = defineRule({
  code: 'CRP20255',
  node: 'pago20:ImpuestosDR/TrasladosDR/TrasladoDR',
  attribute: 'BaseDR',
  message: 'El valor del campo BaseDR que corresponde a Traslado debe ser mayor que cero.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'TrasladosDR');
    if (list.length === 0) return r.notApplicable('no TrasladosDR');
    for (const { t, d, node } of list) {
      if (!(isAmount(t.BaseDR) && fixed(t.BaseDR).v > 0n)) r.error({ node, attribute: 'BaseDR', value: t.BaseDR });
    }
  },
});
