/**
 * CFDI40168 — cfdi:Conceptos/Concepto@Descuento.
 *
 * SAT: El valor de este atributo debe tener hasta la cantidad de decimales que soporte la
 * moneda.
 *
 * The message's reading: the Descuento may not have more decimals than that concept's Importe.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, decimalsOf } from '../helpers.ts';

export const cfdi40168 = defineRule({
  code: 'CFDI40168',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Descuento',
  message: 'El valor del campo Descuento debe tener hasta la cantidad de decimales que tenga registrado el campo importe del concepto.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      if (k.Descuento === undefined) return;
      applies = true;
      if (decimalsOf(k.Descuento) > decimalsOf(k.Importe)) {
        r.error({ node: conceptoNode(i), value: k.Descuento, detail: `Importe ${k.Importe} has ${decimalsOf(k.Importe)} decimals` });
      }
    });
    if (!applies) r.notApplicable('no Concepto has a Descuento');
  },
});
