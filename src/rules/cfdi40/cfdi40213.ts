/**
 * CFDI40213 — cfdi:Impuestos:Traslados/Traslado@Traslado.
 *
 * SAT: En el caso de que sólo existan conceptos con TipoFactor Exento, en este nodo solo deben
 * existir los atributos Base, Impuesto y TipoFactor.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40213 = defineRule({
  code: 'CFDI40213',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Traslado',
  message: 'Deben exitir los campos Base, Impuesto y TipoFactor',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    let applies = false;
    rows.forEach((t, j) => {
      if (t.TipoFactor !== 'Exento') return;
      applies = true;
      if (t.TasaOCuota !== undefined || t.Importe !== undefined) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.TasaOCuota ?? t.Importe, detail: 'an Exento row carries only Base, Impuesto and TipoFactor' });
    });
    if (!applies) r.notApplicable('no Exento row');
  },
});
