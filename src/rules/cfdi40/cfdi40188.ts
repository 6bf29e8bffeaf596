/**
 * CFDI40188 — cfdi:Conceptos/Concepto:ACuentaTerceros@RfcACuentaTerceros.
 *
 * SAT: El valor registrado en este atributo deber ser diferente al valor registrado en los
 * atributos Rfc de los nodos Emisor y Receptor.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40188 = defineRule({
  code: 'CFDI40188',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'RfcACuentaTerceros',
  message: 'El valor del campo RfcACuentaTerceros, debe ser diferente de los valores de los campos Rfc del Emisor y Receptor.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const t = k.ACuentaTerceros;
      if (!t) return;
      applies = true;
      const node = `${conceptoNode(i)}/ACuentaTerceros`;
      if (t.RfcACuentaTerceros === c.Emisor.Rfc || t.RfcACuentaTerceros === c.Receptor.Rfc) r.error({ node, value: t.RfcACuentaTerceros });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
