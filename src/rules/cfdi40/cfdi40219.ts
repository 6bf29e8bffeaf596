/**
 * CFDI40219 — cfdi:Impuestos:Traslados/Traslado@TasaOCuota.
 *
 * SAT: El valor seleccionado debe corresponder a un valor del catalogo donde la columna
 * impuesto corresponda con el atributo impuesto y la columna factor corresponda con el
 * atributo TipoFactor.
 */
import { tasaOCuotaRows } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { fitsTasa, isAmount } from '../helpers.ts';

export const cfdi40219 = defineRule({
  code: 'CFDI40219',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'TasaOCuota',
  message: 'El valor seleccionado debe corresponder a un valor del catalogo donde la columna impuesto corresponda con el campo impuesto y la columna factor corresponda con el campo TipoFactor.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    rows.forEach((t, j) => {
      if (t.TipoFactor !== 'Tasa' && t.TipoFactor !== 'Cuota') return;
      const v = t.TasaOCuota;
      if (!isAmount(v)) return r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.TasaOCuota, detail: 'TasaOCuota is required for Tasa and Cuota' });
      const fits = tasaOCuotaRows(t.Impuesto, t.TipoFactor, 'traslado', c.Fecha).some((row) => fitsTasa(v, row));
      if (!fits) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.TasaOCuota, detail: `impuesto ${t.Impuesto}, ${t.TipoFactor}` });
    });
  },
});
