/**
 * CRP20260 — pago20:ImpuestosDR/TrasladosDR/TrasladoDR@TasaOCuotaDR.
 *
 * SAT: El valor del campo TasaOCuotaDR que corresponde a Traslado no contiene un valor del
 * catálogo c_TasaOcuota o se encuentra fuera de rango.
 *
 * c_TasaOCuota rows for traslado of the same impuesto and factor.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { isAmount, fitsTasa } from '../helpers.ts';
import { tasaOCuotaRows } from '../../catalogs/index.ts';

export const crp20260 = defineRule({
  code: 'CRP20260',
  node: 'pago20:ImpuestosDR/TrasladosDR/TrasladoDR',
  attribute: 'TasaOCuotaDR',
  message: 'El valor del campo TasaOCuotaDR que corresponde a Traslado no contiene un valor del catálogo c_TasaOcuota o se encuentra fuera de rango.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'TrasladosDR');
    if (list.length === 0) return r.notApplicable('no TrasladosDR');
    for (const { t, d, node } of list) {
      if (t.TipoFactorDR !== 'Exento' && (!isAmount(t.TasaOCuotaDR) || !tasaOCuotaRows(t.ImpuestoDR, t.TipoFactorDR, 'traslado', c.Fecha).some((row) => fitsTasa(t.TasaOCuotaDR!, row)))) r.error({ node, attribute: 'TasaOCuotaDR', value: t.TasaOCuotaDR });
    }
  },
});
