/**
 * CFDI40191 — cfdi:Conceptos/Concepto:ACuentaTerceros@RegimenFiscalACuentaTerceros.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_RegimenFiscal.
 */
import { c_RegimenFiscal } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { checkSmall, conceptoNode } from '../helpers.ts';

export const cfdi40191 = defineRule({
  code: 'CFDI40191',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'RegimenFiscalACuentaTerceros',
  message: 'El campo RegimenFiscalACuentaTerceros, no contiene un valor del catálogo c_RegimenFiscal.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const t = k.ACuentaTerceros;
      if (!t) return;
      applies = true;
      const node = `${conceptoNode(i)}/ACuentaTerceros`;
      checkSmall(r, c_RegimenFiscal, 'c_RegimenFiscal', t.RegimenFiscalACuentaTerceros, c.Fecha, { node });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
