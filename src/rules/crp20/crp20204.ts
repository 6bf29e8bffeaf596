/**
 * CRP20204 — pago20:Totales@TotalTrasladosBaseIVA16.
 *
 * SAT: El valor del campo TotalTrasladosBaseIVA16 no es igual al redondeo de la suma del
 * resultado de multiplicar cada uno de los importes de los atributos BaseP de los impuestos
 * trasladados registrados en el elemento TrasladoP donde los atributos contengan en ImpuestoP el
 * valor IVA, en TipoFactorP el valor Tasa y en TasaOCuotaP el valor 0.160000, por el valor
 * registrado en el atributo TipoCambioP de cada nodo Pago.
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

export const crp20204 = defineRule({
  code: 'CRP20204',
  node: 'pago20:Totales',
  attribute: 'TotalTrasladosBaseIVA16',
  message: 'El valor del campo TotalTrasladosBaseIVA16 no es igual al redondeo de la suma del resultado de multiplicar cada uno de los importes de los atributos BaseP de los impuestos trasladados registrados en el elemento TrasladoP donde los atributos contengan en ImpuestoP el valor IVA, en TipoFactorP el valor Tasa y en TasaOCuotaP el valor 0.160000, por el valor registrado en el atributo TipoCambioP de cada nodo Pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const v = p.Totales.TotalTrasladosBaseIVA16;
    if (v === undefined) return r.notApplicable('TotalTrasladosBaseIVA16 is absent');
    const esperado = roundHalfUp(totalesExactos(p.Pago).get('TotalTrasladosBaseIVA16') ?? fixed('0'), 2);
    if (!sameNumber(v, esperado)) r.error({ node: 'pago20:Totales', attribute: 'TotalTrasladosBaseIVA16', value: v, detail: `expected ${esperado}` });
  },
});
