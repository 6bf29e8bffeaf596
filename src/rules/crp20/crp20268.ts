/**
 * CRP20268 — pago20:ImpuestosP/TrasladosP/TrasladoP@BaseP.
 *
 * SAT: El campo BaseP que corresponde a Traslado, no es igual a la suma de los importes de las
 * bases registrados en los documentos relacionados donde el impuesto del documento relacionado
 * sea igual al campo ImpuestoP de este elemento y la TasaOCuotaDR del documento relacionado sea
 * igual al campo TasaOCuotaP de este elemento.
 *
 * Tasa and Cuota groups (impuesto, factor and rate); Exento groups are CRP20269's.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, igualSuma, pagoNode, trasladosDRDe } from './pagos.ts';

export const crp20268 = defineRule({
  code: 'CRP20268',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'BaseP',
  message: 'El campo BaseP que corresponde a Traslado, no es igual a la suma de los importes de las bases registrados en los documentos relacionados donde el impuesto del documento relacionado sea igual al campo ImpuestoP de este elemento y la TasaOCuotaDR del documento relacionado sea igual al campo TasaOCuotaP de este elemento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (t.TipoFactorP === 'Exento') return;
        if (!igualSuma(t.BaseP, trasladosDRDe(pago, t, 'BaseDR'), pago)) r.error({ node, attribute: 'BaseP', value: t.BaseP });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
