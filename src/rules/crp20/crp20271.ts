/**
 * CRP20271 — pago20:ImpuestosP/TrasladosP/TrasladoP@ImpuestoP.
 *
 * SAT: Debe haber sólo un registro con la misma combinación de impuesto, factor y tasa por cada
 * traslado.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { trasladoKey } from '../../cfdi/pagos/complete.ts';

export const crp20271 = defineRule({
  code: 'CRP20271',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'ImpuestoP',
  message: 'Debe haber sólo un registro con la misma combinación de impuesto, factor y tasa por cada traslado.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      const seen = new Set<string>();
      for (const t of pago.ImpuestosP?.TrasladosP ?? []) {
        applies = true;
        const k = trasladoKey(t.ImpuestoP, t.TipoFactorP, t.TasaOCuotaP);
        if (seen.has(k)) r.error({ node: `${pagoNode(i)}/ImpuestosP/TrasladosP`, attribute: 'ImpuestoP', value: k });
        seen.add(k);
      }
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
