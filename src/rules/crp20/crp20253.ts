/**
 * CRP20253 — pago20:ImpuestosDR/RetencionesDR/RetencionDR@TasaOCuotaDR.
 *
 * SAT: El valor del campo TasaOCuotaDR que corresponde a Retención, no contiene un valor del
 * catálogo c_TasaOcuota o se encuentra fuera de rango.
 *
 * c_TasaOCuota rows for retention of the same impuesto and factor (a Rango includes its bounds).
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR } from './pagos.ts';
import { isAmount, fitsTasa } from '../helpers.ts';
import { tasaOCuotaRows } from '../../catalogs/index.ts';

export const crp20253 = defineRule({
  code: 'CRP20253',
  node: 'pago20:ImpuestosDR/RetencionesDR/RetencionDR',
  attribute: 'TasaOCuotaDR',
  message: 'El valor del campo TasaOCuotaDR que corresponde a Retención, no contiene un valor del catálogo c_TasaOcuota o se encuentra fuera de rango.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'RetencionesDR');
    if (list.length === 0) return r.notApplicable('no RetencionesDR');
    for (const { t, d, node } of list) {
      if (!isAmount(t.TasaOCuotaDR) || !tasaOCuotaRows(t.ImpuestoDR, t.TipoFactorDR, 'retencion', c.Fecha).some((row) => fitsTasa(t.TasaOCuotaDR!, row))) r.error({ node, attribute: 'TasaOCuotaDR', value: t.TasaOCuotaDR });
    }
  },
});
