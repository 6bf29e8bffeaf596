/**
 * CFDI40207 — cfdi:Impuestos:Retenciones/Retencion@Impuesto.
 *
 * SAT: Es atributo, debe contener un valor del catálogo c_Impuesto.
 */
import { c_Impuesto, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';

export const cfdi40207 = defineRule({
  code: 'CFDI40207',
  node: 'cfdi:Impuestos:Retenciones/Retencion',
  attribute: 'Impuesto',
  message: 'El campo Impuesto no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Retenciones ?? [];
    if (rows.length === 0) return r.notApplicable('no document Retenciones');
    rows.forEach((t, j) => {
      const imp = lookup(c_Impuesto, t.Impuesto, c.Fecha);
      if (!imp || !imp.retencion) r.error({ node: `Impuestos/Retenciones/Retencion[${j + 1}]`, value: t.Impuesto });
    });
  },
});
