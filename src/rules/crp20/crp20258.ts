/**
 * CRP20258 — pago20:ImpuestosDR/TrasladosDR/TrasladoDR@TipoFactorDR.
 *
 * SAT: Si el valor registrado es Exento no se deben registrar los atributos TasaOCuotaDR ni
 * ImporteDR.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';

export const crp20258 = defineRule({
  code: 'CRP20258',
  node: 'pago20:ImpuestosDR/TrasladosDR/TrasladoDR',
  attribute: 'TipoFactorDR',
  message: 'Si el valor registrado es Exento no se deben registrar los atributos TasaOCuotaDR ni ImporteDR.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'TrasladosDR');
    if (list.length === 0) return r.notApplicable('no TrasladosDR');
    for (const { t, d, node } of list) {
      if (t.TipoFactorDR === 'Exento' && (t.TasaOCuotaDR !== undefined || t.ImporteDR !== undefined)) r.error({ node, attribute: 'TipoFactorDR', value: t.TipoFactorDR });
    }
  },
});
