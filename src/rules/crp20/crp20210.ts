/**
 * CRP20210 — pago20:Totales@TotalTrasladosBaseIVAExento.
 *
 * SAT: El valor del campo TotalTrasladosBaseExento no es igual al redondeo de la suma del
 * resultado de multiplicar cada uno de los importes de los atributos BaseP de los impuestos
 * trasladados registrados en el elemento TrasladoP donde los atributos contengan en ImpuestoP el
 * valor IVA y en TipoFactorP el valor Exento, por el valor registrado en el atributo TipoCambioP
 * de cada nodo Pago.
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

export const crp20210 = defineRule({
  code: 'CRP20210',
  node: 'pago20:Totales',
  attribute: 'TotalTrasladosBaseIVAExento',
  message: 'El valor del campo TotalTrasladosBaseExento no es igual al redondeo de la suma del resultado de multiplicar cada uno de los importes de los atributos BaseP de los impuestos trasladados registrados en el elemento TrasladoP donde los atributos contengan en ImpuestoP el valor IVA y en TipoFactorP el valor Exento, por el valor registrado en el atributo TipoCambioP de cada nodo Pago.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const v = p.Totales.TotalTrasladosBaseIVAExento;
    if (v === undefined) return r.notApplicable('TotalTrasladosBaseIVAExento is absent');
    const esperado = roundHalfUp(totalesExactos(p.Pago).get('TotalTrasladosBaseIVAExento') ?? fixed('0'), 2);
    if (!sameNumber(v, esperado)) r.error({ node: 'pago20:Totales', attribute: 'TotalTrasladosBaseIVAExento', value: v, detail: `expected ${esperado}` });
  },
});
