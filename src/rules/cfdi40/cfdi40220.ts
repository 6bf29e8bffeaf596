/**
 * CFDI40220 — cfdi:Impuestos:Traslados/Traslado@Importe.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40220 = defineRule({
  code: 'CFDI40220',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Importe',
  message: 'El valor del campo Importe correspondiente a Traslado debe tener hasta la cantidad de decimales que soporte la moneda.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    rows.forEach((t, j) => {
      const v = t.Importe;
      if (isAmount(v) && decimalsOf(v) > d) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, attribute: 'Importe', value: v, detail: `${c.Moneda} allows ${d} decimals` });
    });
  },
});
