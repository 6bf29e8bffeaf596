/**
 * CFDI40129 — Comprobante@Confirmacion.
 *
 * SAT: El Proveedor de Certificación debe verificar que la clave de confirmación no se utilice
 * en más de un comprobante.
 *
 * Checked against the registry source's `confirmacion(clave)`; the key must be not used
 * before.
 */
import { defineRule } from '../define-rule.ts';
import { soloSatOPac } from '../helpers.ts';

export const cfdi40129 = defineRule({
  code: 'CFDI40129',
  node: 'Comprobante',
  attribute: 'Confirmacion',
  message: 'Número de confirmación utilizado previamente.',
  check(c, ctx, r) {
    if (c.Confirmacion === undefined) return r.notApplicable('no Confirmacion');
    const s = ctx.registry?.confirmacion;
    if (s === undefined) return r.notChecked(soloSatOPac('solo el PAC conoce sus claves de confirmación'), { value: c.Confirmacion });
    if (s === 'usada') r.error({ value: c.Confirmacion });
  },
});
