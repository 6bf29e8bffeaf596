/**
 * CFDI40186 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@Importe.
 *
 * SAT: El valor de este atributo debe ser mayor o igual que el límite inferior y menor o igual
 * que el límite superior.
 *
 * Anexo 20 tolerance: within the bounds of (Base ± half a unit of its last decimal) ×
 * TasaOCuota (src/cfdi/amounts).
 */
import { taxImporteTolerance, withinWindow } from '../../cfdi/amounts/decimal.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode, decimalsOf, isAmount, trasOtroError } from '../helpers.ts';

export const cfdi40186 = defineRule({
  code: 'CFDI40186',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'Importe',
  message: 'El valor del campo Importe que corresponde a Retención no se encuentra entre el limite inferior y superior permitido.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        if (t.Importe === undefined || t.TasaOCuota === undefined) return;
        if (!isAmount(t.Base) || !isAmount(t.TasaOCuota) || !isAmount(t.Importe)) return r.notChecked(trasOtroError('la Base, la TasaOCuota o el Importe no es un número', 'CFDI40999'), { node });
        const w = taxImporteTolerance(t.Base, t.TasaOCuota, decimalsOf(t.Importe));
        if (!withinWindow(t.Importe, w)) r.error({ node, attribute: 'Importe', value: t.Importe, detail: `allowed ${w.lower} – ${w.upper} for ${t.Base} × ${t.TasaOCuota}` });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
