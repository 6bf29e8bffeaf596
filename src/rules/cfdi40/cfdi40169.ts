/**
 * CFDI40169 — cfdi:Conceptos/Concepto@Descuento.
 *
 * SAT: El valor registrado debe ser menor o igual al atributo Importe.
 */
import { compare } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { amount, conceptoNode } from '../helpers.ts';

export const cfdi40169 = defineRule({
  code: 'CFDI40169',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Descuento',
  message: 'El valor del campo Descuento es mayor que el campo Importe.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      if (k.Descuento === undefined) return;
      applies = true;
      const d = amount(k.Descuento);
      const imp = amount(k.Importe);
      if (d !== undefined && imp !== undefined && compare(d, imp) > 0) r.error({ node: conceptoNode(i), value: k.Descuento, detail: `Importe is ${k.Importe}` });
    });
    if (!applies) r.notApplicable('no Concepto has a Descuento');
  },
});
