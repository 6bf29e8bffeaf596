/**
 * CRP20266 — pago20:ImpuestosP/TrasladosP/TrasladoP@TrasladoP.
 *
 * SAT: Deben exitir los campos BaseP, ImpuestoP y TipoFactorP
 *
 * The reader gives an absent required attribute as ''.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20266 = defineRule({
  code: 'CRP20266',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'TrasladoP',
  message: 'Deben exitir los campos BaseP, ImpuestoP y TipoFactorP',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (t.BaseP === '' || t.ImpuestoP === '' || t.TipoFactorP === '') r.error({ node, value: [t.BaseP === '' ? 'BaseP' : '', t.ImpuestoP === '' ? 'ImpuestoP' : '', t.TipoFactorP === '' ? 'TipoFactorP' : ''].filter(Boolean).join(', ') });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
