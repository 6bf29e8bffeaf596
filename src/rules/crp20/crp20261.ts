/**
 * CRP20261 — pago20:ImpuestosDR/TrasladosDR/TrasladoDR@ImporteDR.
 *
 * SAT: El valor del campo ImporteDR o que corresponde a Traslado no se encuentra entre el limite
 * inferior y superior permitido.
 *
 * Anexo 20 window: (BaseDR ± half a unit of its last decimal) × TasaOCuotaDR.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, impuestosDR, decimales } from './pagos.ts';
import { isAmount } from '../helpers.ts';
import { taxImporteTolerance, withinWindow } from '../../cfdi/amounts/decimal.ts';

export const crp20261 = defineRule({
  code: 'CRP20261',
  node: 'pago20:ImpuestosDR/TrasladosDR/TrasladoDR',
  attribute: 'ImporteDR',
  message: 'El valor del campo ImporteDR o que corresponde a Traslado no se encuentra entre el limite inferior y superior permitido.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const list = impuestosDR(p, 'TrasladosDR');
    if (list.length === 0) return r.notApplicable('no TrasladosDR');
    for (const { t, d, node } of list) {
      if (isAmount(t.BaseDR) && isAmount(t.TasaOCuotaDR) && isAmount(t.ImporteDR) && !withinWindow(t.ImporteDR, taxImporteTolerance(t.BaseDR, t.TasaOCuotaDR, decimales(t.ImporteDR)!))) r.error({ node, attribute: 'ImporteDR', value: t.ImporteDR });
    }
  },
});
