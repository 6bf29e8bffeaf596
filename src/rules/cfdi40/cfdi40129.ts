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

export const cfdi40129 = defineRule({
  code: 'CFDI40129',
  node: 'Comprobante',
  attribute: 'Confirmacion',
  message: 'Número de confirmación utilizado previamente.',
  check(c, ctx, r) {
    if (c.Confirmacion === undefined) return r.notApplicable('no Confirmacion');
    const s = ctx.registry?.confirmacion;
    if (s === undefined) return r.notChecked('only the PAC knows its confirmation keys (registry source has no confirmacion)', { value: c.Confirmacion });
    if (s === 'usada') r.error({ value: c.Confirmacion });
  },
});
