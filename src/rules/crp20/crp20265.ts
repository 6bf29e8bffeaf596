/**
 * CRP20265 — pago20:ImpuestosP/RetencionesP/RetencionP@ImporteP.
 *
 * SAT: El campo ImporteP que corresponde a Retención, no es igual a la suma de los importes de
 * los impuestos retenidos registrados en el documento relacionado donde el impuesto sea igual al
 * campo ImpuestoP de este elemento.
 *
 * Exact when nothing is converted; otherwise within one unit of MonedaP's last decimal per
 * document.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, enMonedaP, igualSuma, pagoNode } from './pagos.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20265 = defineRule({
  code: 'CRP20265',
  node: 'pago20:ImpuestosP/RetencionesP/RetencionP',
  attribute: 'ImporteP',
  message: 'El campo ImporteP  que corresponde a Retención, no es igual a la suma de los importes de los impuestos retenidos registrados en el documento relacionado donde el impuesto sea igual al campo ImpuestoP de este elemento.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.RetencionesP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/RetencionesP/RetencionP[${k + 1}]`;
        const partes = pago.DoctoRelacionado.flatMap((d) => (d.ImpuestosDR?.RetencionesDR ?? []).filter((x) => x.ImpuestoDR === t.ImpuestoP).map((x) => enMonedaP(x.ImporteDR ?? '', d) ?? fixed('0')));
        if (!igualSuma(t.ImporteP, partes, pago)) r.error({ node, attribute: 'ImporteP', value: t.ImporteP });
      });
    });
    if (!applies) r.notApplicable('no RetencionP');
  },
});
