/**
 * CFDI40137 — cfdi:CfdiRelacionados@TipoRelacion.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_TipoRelacion.
 */
import { c_TipoRelacion } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall } from '../helpers.ts';

export const cfdi40137 = defineRule({
  code: 'CFDI40137',
  node: 'cfdi:CfdiRelacionados',
  attribute: 'TipoRelacion',
  message: 'El campo TipoRelacion, no contiene un valor del catálogo c_TipoRelacion.',
  check(c, _ctx, r) {
    if (c.CfdiRelacionados.length === 0) return r.notApplicable('no CfdiRelacionados');
    c.CfdiRelacionados.forEach((n, i) =>
      checkSmall(r, c_TipoRelacion, 'c_TipoRelacion', n.TipoRelacion, c.Fecha, { node: `CfdiRelacionados[${i + 1}]` }),
    );
  },
});
