/**
 * CRP20220 — pago20:Pago@Monto.
 *
 * SAT: Cuando el valor del campo Monto se encuentre fuera de los límites establecidos, debe
 * existir el campo Confirmacion
 *
 * The limit is c_TipoDeComprobante.valor_maximo of P, in pesos (Monto × TipoCambioP), as
 * CFDI40120 does for Total.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { compare, mul } from '../../cfdi/amounts/decimal.ts';
import { c_TipoDeComprobante, lookup } from '../../catalogs/index.ts';

export const crp20220 = defineRule({
  code: 'CRP20220',
  node: 'pago20:Pago',
  attribute: 'Monto',
  message: 'Cuando el valor del campo Monto se encuentre fuera de los límites establecidos, debe existir el campo Confirmacion',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const limite = lookup(c_TipoDeComprobante, 'P', c.Fecha)?.valorMaximo;
    if (limite === undefined) return r.notChecked('el catálogo c_TipoDeComprobante no tiene la clave P; importe el catálogo del SAT (cfdi-async catalogs import)');
    p.Pago.forEach((pago, i) => {
      if (!isAmount(pago.Monto)) return;
      const tc = isAmount(pago.TipoCambioP) ? pago.TipoCambioP : '1';
      if (compare(mul(pago.Monto, tc), limite) > 0 && c.Confirmacion === undefined) r.error({ node: pagoNode(i), attribute: 'Monto', value: pago.Monto, detail: `above the limit ${limite} of c_TipoDeComprobante P` });
    });
  },
});
