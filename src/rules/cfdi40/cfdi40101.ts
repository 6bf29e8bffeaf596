/**
 * CFDI40101 — Comprobante@Fecha.
 *
 * SAT: Este debe cumplir con el patrón
 * (20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])
 * y debe corresponder con la hora local donde se expide el comprobante.
 *
 * The pattern is checked; "local time of the LugarExpedicion" cannot be judged without the
 * moment of issue.
 */
import { defineRule } from '../define-rule.ts';

export const cfdi40101 = defineRule({
  code: 'CFDI40101',
  node: 'Comprobante',
  attribute: 'Fecha',
  message: 'El campo Fecha no cumple con el patrón requerido.',
  check(c, _ctx, r) {
    const re = /^(20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])$/;
    if (!re.test(c.Fecha)) r.error({ value: c.Fecha });
  },
});
