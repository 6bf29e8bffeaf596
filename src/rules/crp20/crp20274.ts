/**
 * CRP20274 — pago20:ImpuestosP/TrasladosP/TrasladoP@ImporteP.
 *
 * SAT: El campo ImporteP que corresponde a Traslado, no es igual a la suma de los importes de los
 * impuestos registrados en el documento relacionado donde el impuesto del documento relacionado
 * sea igual al campo ImpuestoP de este elemento y la TasaOCuotaP del documento relacionado sea
 * igual al campo TasaOCuotaP de este elemento.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, igualSuma, pagoNode, trasladosDRDe } from './pagos.ts';

export const crp20274 = defineRule({
  code: 'CRP20274',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'ImporteP',
  message: 'El campo ImporteP que corresponde a Traslado, no es igual a la suma de los importes de los impuestos registrados en el documento relacionado donde el impuesto del documento relacionado sea igual al campo ImpuestoP de este elemento y la TasaOCuotaP del documento relacionado sea igual al campo TasaOCuotaP de este elemento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (t.TipoFactorP === 'Exento') return;
        if (!igualSuma(t.ImporteP ?? '', trasladosDRDe(pago, t, 'ImporteDR'), pago)) r.error({ node, attribute: 'ImporteP', value: t.ImporteP });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
