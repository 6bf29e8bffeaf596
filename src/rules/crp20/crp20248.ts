/**
 * CRP20248 — pago20:DoctoRelacionado/ImpuestosDR@ImpuestosDR.
 *
 * SAT: En caso de utilizar el nodo Impuestos en un documento relacionado, se deben incluir
 * impuestos de traslados y/o retenciones.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, doctos } from './pagos.ts';

export const crp20248 = defineRule({
  code: 'CRP20248',
  node: 'pago20:DoctoRelacionado/ImpuestosDR',
  attribute: 'ImpuestosDR',
  message: 'En caso de utilizar el nodo Impuestos en un documento relacionado, se deben incluir impuestos  de traslados y/o retenciones.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    for (const { pago, d, node } of doctos(p)) {
      if (d.ImpuestosDR !== undefined && d.ImpuestosDR.TrasladosDR.length === 0 && d.ImpuestosDR.RetencionesDR.length === 0) r.error({ node, attribute: 'ImpuestosDR', value: undefined });
    }
  },
});
