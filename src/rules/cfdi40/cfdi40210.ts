/**
 * CFDI40210 — cfdi:Impuestos:Retenciones/Retencion@Importe.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40210 = defineRule({
  code: 'CFDI40210',
  node: 'cfdi:Impuestos:Retenciones/Retencion',
  attribute: 'Importe',
  message: 'El valor del campo Importe correspondiente a Retención debe tener hasta la cantidad de decimales que soporte la moneda.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Retenciones ?? [];
    if (rows.length === 0) return r.notApplicable('no document Retenciones');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    rows.forEach((t, j) => {
      if (isAmount(t.Importe) && decimalsOf(t.Importe) > d) r.error({ node: `Impuestos/Retenciones/Retencion[${j + 1}]`, value: t.Importe, detail: `${c.Moneda} allows ${d} decimals` });
    });
  },
});
