/**
 * CFDI40214 — cfdi:Impuestos:Traslados/Traslado@Base.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 */
import { defineRule } from '../define-rule.ts';
import { decimalsOf, isAmount, monedaDecimalesOr } from '../helpers.ts';

export const cfdi40214 = defineRule({
  code: 'CFDI40214',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Base',
  message: 'El valor del campo Importe correspondiente a Traslado debe tener hasta la cantidad de decimales que soporte la moneda.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    rows.forEach((t, j) => {
      const v = t.Base;
      if (isAmount(v) && decimalsOf(v) > d) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, attribute: 'Base', value: v, detail: `${c.Moneda} allows ${d} decimals` });
    });
  },
});
