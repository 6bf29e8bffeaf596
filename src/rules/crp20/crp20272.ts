/**
 * CRP20272 — pago20:ImpuestosP/TrasladosP/TrasladoP@TasaOCuotaP.
 *
 * SAT: El valor seleccionado debe corresponder a un valor del catálogo Tasa O Cuota donde la
 * columna impuesto corresponda con el campo ImpuestoP y la columna factor corresponda con el
 * campo TipoFactorP.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';
import { isAmount, fitsTasa } from '../helpers.ts';
import { tasaOCuotaRows } from '../../catalogs/index.ts';

export const crp20272 = defineRule({
  code: 'CRP20272',
  node: 'pago20:ImpuestosP/TrasladosP/TrasladoP',
  attribute: 'TasaOCuotaP',
  message: 'El valor seleccionado debe corresponder a un valor del catálogo Tasa O Cuota donde la columna impuesto corresponda con el campo ImpuestoP y la columna factor corresponda con el campo TipoFactorP.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      (pago.ImpuestosP?.TrasladosP ?? []).forEach((t, k) => {
        applies = true;
        const node = `${pagoNode(i)}/ImpuestosP/TrasladosP/TrasladoP[${k + 1}]`;
        if (t.TipoFactorP !== 'Exento' && (!isAmount(t.TasaOCuotaP) || !tasaOCuotaRows(t.ImpuestoP, t.TipoFactorP, 'traslado', c.Fecha).some((row) => fitsTasa(t.TasaOCuotaP!, row)))) r.error({ node, attribute: 'TasaOCuotaP', value: t.TasaOCuotaP });
      });
    });
    if (!applies) r.notApplicable('no TrasladoP');
  },
});
