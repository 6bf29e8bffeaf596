/**
 * CFDI40198 — cfdi:Conceptos/Concepto:Parte@Importe.
 *
 * SAT: El valor de este atributo debe ser mayor o igual que el límite inferior y menor o igual
 * que el límite superior.
 *
 * Same tolerance as CFDI40167, for Partes that carry ValorUnitario and Importe.
 */
import { importeTolerance, withinWindow } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode, decimalsOf, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40198 = defineRule({
  code: 'CFDI40198',
  node: 'cfdi:Conceptos/Concepto:Parte',
  attribute: 'Importe',
  message: 'El valor del campo Importe no se encuentra entre el limite inferior y superior permitido.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      k.Parte.forEach((p, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Parte[${j + 1}]`;
        if (p.ValorUnitario === undefined || p.Importe === undefined) return;
        if (!isAmount(p.Cantidad) || !isAmount(p.ValorUnitario) || !isAmount(p.Importe)) return r.notChecked(trasOtroError('la Cantidad, el ValorUnitario o el Importe no es un número', 'CFDI40999'), { node });
        const w = importeTolerance(p.Cantidad, p.ValorUnitario, decimalsOf(p.Importe));
        if (!withinWindow(p.Importe, w)) r.error({ node, attribute: 'Importe', value: p.Importe, detail: `allowed ${w.lower} – ${w.upper}` });
      }),
    );
    if (!applies) r.notApplicable('no Parte');
  },
});
