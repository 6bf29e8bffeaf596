/**
 * CFDI40217 — cfdi:Impuestos:Traslados/Traslado@Impuesto.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Impuesto.
 */
import { c_Impuesto, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';

export const cfdi40217 = defineRule({
  code: 'CFDI40217',
  node: 'cfdi:Impuestos:Traslados/Traslado',
  attribute: 'Impuesto',
  message: 'El campo Impuesto no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Traslados ?? [];
    if (rows.length === 0) return r.notApplicable('no document Traslados');
    rows.forEach((t, j) => {
      const imp = lookup(c_Impuesto, t.Impuesto, c.Fecha);
      if (!imp || !imp.traslado) r.error({ node: `Impuestos/Traslados/Traslado[${j + 1}]`, value: t.Impuesto });
    });
  },
});
