/**
 * CFDI40128 — Comprobante@Confirmacion.
 *
 * SAT: El Proveedor de Certificación debe verificar que el emisor le haya solicitado esta
 * clave de confirmación.
 *
 * Checked against the registry source's `confirmacion(clave)`; the key must be valid.
 */
import { defineRule } from '../define-rule.ts';
import { soloSatOPac } from '../helpers.ts';

export const cfdi40128 = defineRule({
  code: 'CFDI40128',
  node: 'Comprobante',
  attribute: 'Confirmacion',
  message: 'Número de confirmación inválido.',
  check(c, ctx, r) {
    if (c.Confirmacion === undefined) return r.notApplicable('no Confirmacion');
    const s = ctx.registry?.confirmacion;
    if (s === undefined) return r.notChecked(soloSatOPac('solo el PAC conoce sus claves de confirmación'), { value: c.Confirmacion });
    if (s === 'invalida') r.error({ value: c.Confirmacion });
  },
});
