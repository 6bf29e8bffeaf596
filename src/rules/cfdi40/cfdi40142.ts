/**
 * CFDI40142 — cfdi:Emisor@FacAtrAdquirente.
 *
 * SAT: Este atributo, debe contener el número de operación siempre que la respuesta del
 * servicio del Validador de RFC para emitir facturas a través del adquirente, sea en sentido
 * positivo.
 */
import { defineRule } from '../define-rule.ts';
import { soloSatOPac } from '../helpers.ts';

export const cfdi40142 = defineRule({
  code: 'CFDI40142',
  node: 'cfdi:Emisor',
  attribute: 'FacAtrAdquirente',
  message: 'El campo FacAtrAdquirente, no contiene un número de operación valido.',
  check(c, ctx, r) {
    const n = c.Emisor.FacAtrAdquirente;
    if (n === undefined) return r.notApplicable('no FacAtrAdquirente');
    const v = ctx.registry?.facAtrAdquirente;
    if (v === undefined) return r.notChecked(soloSatOPac('solo el SAT valida el número de operación del adquirente'), { value: n });
    if (!v) r.error({ value: n });
  },
});
