/**
 * CFDI40177 — cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado@TipoFactor.
 *
 * SAT: Si el valor registrado es Exento no se deben registrar los atributos TasaOCuota ni
 * Importe.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40177 = defineRule({
  code: 'CFDI40177',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado',
  attribute: 'TipoFactor',
  message: 'Si el valor registrado en el campo TipoFactor que corresponde a Traslado es Exento no se deben registrar los campos TasaOCuota ni Importe.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Traslados ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Traslados/Traslado[${j + 1}]`;
        if (t.TipoFactor === 'Exento' && (t.TasaOCuota !== undefined || t.Importe !== undefined)) {
          r.error({ node, attribute: t.TasaOCuota !== undefined ? 'TasaOCuota' : 'Importe', value: t.TasaOCuota ?? t.Importe });
        }
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Traslados');
  },
});
