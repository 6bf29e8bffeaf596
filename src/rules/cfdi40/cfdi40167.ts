/**
 * CFDI40167 — cfdi:Conceptos/Concepto@Importe.
 *
 * SAT: El valor de este atributo debe ser mayor o igual que el límite inferior y menor o igual
 * que el límite superior.
 *
 * Anexo 20 tolerance: the Importe must lie within the bounds computed from Cantidad and
 * ValorUnitario ± half a unit of their last written decimal (src/cfdi/amounts).
 */
import { importeTolerance, withinWindow } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode, decimalsOf, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40167 = defineRule({
  code: 'CFDI40167',
  node: 'cfdi:Conceptos/Concepto',
  attribute: 'Importe',
  message: 'El valor del campo Importe no se encuentra entre el limite inferior y superior permitido.',
  check(c, _ctx, r) {
    c.Conceptos.forEach((k, i) => {
      if (!isAmount(k.Cantidad) || !isAmount(k.ValorUnitario) || !isAmount(k.Importe)) {
        return r.notChecked(trasOtroError('la Cantidad, el ValorUnitario o el Importe no es un número', 'CFDI40999'), { node: conceptoNode(i) });
      }
      const w = importeTolerance(k.Cantidad, k.ValorUnitario, decimalsOf(k.Importe));
      if (!withinWindow(k.Importe, w)) {
        r.error({ node: conceptoNode(i), value: k.Importe, detail: `allowed ${w.lower} – ${w.upper} for ${k.Cantidad} × ${k.ValorUnitario}` });
      }
    });
  },
});
