/**
 * CRP20269 — pago20:ImpuestosP/TrasladosP/TrasladoP@BaseP.
 *
 * SAT: El importe del campo BaseP que corresponde a Traslado, no es igual a la suma de los
 * importes de las bases registrados en los documentos relacionados.
 *
 * Exento groups: BaseP = Σ BaseDR of the Exento traslados of the same impuesto.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, enMonedaP, igualSuma, pagoNode } from './pagos.ts';
import { fixed } from '../../cfdi/amounts/decimal.ts';

export const crp20269 = defineRule({
  code: 'CRP20269',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'BaseP',
  message: 'El importe del campo BaseP que corresponde a Traslado, no es igual a la suma de los importes de las bases registrados en los documentos relacionados.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (t.TipoFactorP !== 'Exento') return;
        const partes = pago.DoctoRelacionado.flatMap((d) => (d.ImpuestosDR?.TrasladosDR ?? []).filter((x) => x.ImpuestoDR === t.ImpuestoP && x.TipoFactorDR === 'Exento').map((x) => enMonedaP(x.BaseDR, d) ?? fixed('0')));
        if (!igualSuma(t.BaseP, partes, pago)) r.error({ node, attribute: 'BaseP', value: t.BaseP });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
