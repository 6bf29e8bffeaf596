/**
 * CRP20270 — pago20:ImpuestosP/TrasladosP/TrasladoP@ImpuestoP.
 *
 * SAT: El campo ImpuestoP que corresponde a Traslado no contiene un valor del catálogo
 * c_Impuesto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { c_Impuesto, lookup } from '../../catalogs/index.ts';

export const crp20270 = defineRule({
  code: 'CRP20270',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'ImpuestoP',
  message: 'El campo ImpuestoP que corresponde a Traslado no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (lookup(c_Impuesto, t.ImpuestoP, c.Fecha) === undefined) r.error({ node, attribute: 'ImpuestoP', value: t.ImpuestoP });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
