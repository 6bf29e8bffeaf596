/**
 * CRP20202 — pago20:Totales@TotalRetencionesISR.
 *
 * SAT: El valor del campo TotalRetencionesISR no es igual al redondeo de la suma del resultado de
 * multiplicar cada uno de los importes de los atributos ImporteP de los impuestos retenidos
 * registrados en el elemento RetencionP donde el atributo ImpuestoP contenga el valor ISR por el
 * valor registrado en el atributo TipoCambioP de cada nodo Pago.
 *
 * Σ over the Pagos of the P-level value × TipoCambioP, rounded to 2 decimals
 * (cfdi/pagos/complete.ts `totalesExactos`); that the attribute exists is
 * CRP20264/CRP20267/CRP20273's concern.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { sameNumber } from '../helpers.ts';
import { fixed, roundHalfUp } from '../../cfdi/amounts/decimal.ts';
import { totalesExactos } from '../../cfdi/pagos/complete.ts';

export const crp20202 = defineRule({
  code: 'CRP20202',
  node: 'pago20:Totales',
  attribute: 'TotalRetencionesISR',
  message: 'El valor del campo TotalRetencionesISR no es igual al redondeo de la suma del resultado  de multiplicar cada uno de los importes de los atributos ImporteP de los impuestos retenidos registrados en el elemento RetencionP donde el atributo ImpuestoP contenga el valor ISR por el valor registrado en el atributo TipoCambioP de cada nodo Pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const v = p.Totales.TotalRetencionesISR;
    if (v === undefined) return r.notApplicable('TotalRetencionesISR is absent');
    const esperado = roundHalfUp(totalesExactos(p.Pago).get('TotalRetencionesISR') ?? fixed('0'), 2);
    if (!sameNumber(v, esperado)) r.error({ node: 'pago20:Totales', attribute: 'TotalRetencionesISR', value: v, detail: `expected ${esperado}` });
  },
});
