/**
 * CRP20201 — pago20:Totales@TotalRetencionesIVA.
 *
 * SAT: El valor del campo TotalRetencionesIVA no es igual al redondeo de la suma del resultado de
 * multiplicar cada uno de los importes de los atributos ImporteP de los impuestos retenidos
 * registrados en el elemento RetencionP donde el atributo ImpuestoP contenga el valor IVA por el
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

export const crp20201 = defineRule({
  code: 'CRP20201',
  node: 'pago20:Totales',
  attribute: 'TotalRetencionesIVA',
  message: 'El valor del campo TotalRetencionesIVA no es igual al redondeo de la suma del resultado de multiplicar cada uno de los importes de los atributos ImporteP de los impuestos retenidos registrados en el elemento RetencionP donde el atributo ImpuestoP contenga el valor IVA por el valor registrado en el atributo TipoCambioP de cada nodo Pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const v = p.Totales.TotalRetencionesIVA;
    if (v === undefined) return r.notApplicable('TotalRetencionesIVA is absent');
    const esperado = roundHalfUp(totalesExactos(p.Pago).get('TotalRetencionesIVA') ?? fixed('0'), 2);
    if (!sameNumber(v, esperado)) r.error({ node: 'pago20:Totales', attribute: 'TotalRetencionesIVA', value: v, detail: `expected ${esperado}` });
  },
});
