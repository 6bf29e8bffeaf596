/**
 * CRP20262 — pago20:ImpuestosP/RetencionesP/RetencionP@ImpuestoP.
 *
 * SAT: El campo ImpuestoP no contiene un valor del catálogo c_Impuesto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { c_Impuesto, lookup } from '../../catalogs/index.ts';

export const crp20262 = defineRule({
  code: 'CRP20262',
  node: 'pago20:ImpuestosP/RetencionesP/RetencionP',
  attribute: 'ImpuestoP',
  message: 'El campo ImpuestoP no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.RetencionesP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/RetencionesP/RetencionP[${k + 1}]`;
        if (lookup(c_Impuesto, t.ImpuestoP, c.Fecha) === undefined) r.error({ node, attribute: 'ImpuestoP', value: t.ImpuestoP });
      });
    });
    if (!applies) r.notApplicable('no RetencionP');
  },
});
