/**
 * CFDI40178 — cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado@TipoFactor.
 *
 * SAT: Si el valor registrado es Tasa o Cuota, se deben registrar los atributos TasaOCuota e
 * Importe.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40178 = defineRule({
  code: 'CFDI40178',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Traslados/Traslado',
  attribute: 'TipoFactor',
  message: 'Si el valor registrado en el campo TipoFactor que corresponde a Traslado es Tasa o Cuota, se deben registrar los campos TasaOCuota e Importe.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Traslados ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Traslados/Traslado[${j + 1}]`;
        if ((t.TipoFactor === 'Tasa' || t.TipoFactor === 'Cuota') && (t.TasaOCuota === undefined || t.Importe === undefined)) {
          r.error({ node, attribute: t.TasaOCuota === undefined ? 'TasaOCuota' : 'Importe', detail: `TipoFactor ${t.TipoFactor}` });
        }
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Traslados');
  },
});
