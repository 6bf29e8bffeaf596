/**
 * CRP20216 — pago20:Pago@TipoCambioP.
 *
 * SAT: Cuando el valor del campo TipoCambioP se encuentre fuera de los límites establecidos, debe
 * existir el campo Confirmacion.
 *
 * The reference exchange rate of MonedaP is not available offline: without a Confirmacion the
 * rule is notChecked.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20216 = defineRule({
  code: 'CRP20216',
  node: 'pago20:Pago',
  attribute: 'TipoCambioP',
  message: 'Cuando el valor del campo TipoCambioP se encuentre fuera de los límites establecidos, debe existir el campo Confirmacion.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      if (pago.MonedaP === 'MXN' || pago.MonedaP === 'XXX' || pago.TipoCambioP === undefined) return;
      applies = true;
      if (c.Confirmacion !== undefined) return r.ok({ node: pagoNode(i), detail: 'a Confirmacion is present' });
      r.notChecked(`no hay tipo de cambio de referencia para ${pago.MonedaP} el ${pago.FechaPago.slice(0, 10)} (lo publica el SAT; este servicio no tiene una fuente configurada)`, { node: pagoNode(i), attribute: 'TipoCambioP' });
    });
    if (!applies) r.notApplicable('no Pago in a foreign currency');
  },
});
