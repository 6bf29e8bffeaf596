/**
 * CFDI40211 — cfdi:Impuestos:Retenciones/Retencion@Importe.
 *
 * SAT: Debe ser igual al redondeo de la suma de los importes de los impuestos retenidos
 * registrados en los conceptos donde el impuesto sea igual al atributo impuesto de este
 * elemento.
 *
 * Also reports a tax withheld in the Conceptos that has no document Retencion row, also when
 * there are no rows at all.
 */
import { sumRounded } from '../amounts.ts';
import { defineRule } from '../define-rule.ts';
import { conceptRetenciones, isAmount, monedaDecimalesOr, sameNumber, trasOtroError } from '../helpers.ts';

export const cfdi40211 = defineRule({
  code: 'CFDI40211',
  node: 'cfdi:Impuestos:Retenciones/Retencion',
  attribute: 'Importe',
  message: 'El campo Importe correspondiente a Retención no es igual al redondeo de la suma de los importes de los impuestos retenidos registrados en los conceptos donde el impuesto sea igual al campo impuesto de este elemento.',
  check(c, _ctx, r) {
    const rows = c.Impuestos?.Retenciones ?? [];
    // No rows is only fine when the Conceptos withhold nothing either (issue 10); with no
    // TotalImpuestosRetenidos either, CFDI40209 already reports the missing Retenciones.
    if (rows.length === 0 && (conceptRetenciones(c).length === 0 || c.Impuestos?.TotalImpuestosRetenidos === undefined)) {
      return r.notApplicable('no Retenciones');
    }
    const d = monedaDecimalesOr(c, r);
    if (d === undefined) return;
    const sums = new Map<string, string[]>();
    for (const t of conceptRetenciones(c)) {
      if (!isAmount(t.Importe)) return r.notChecked(trasOtroError('un Importe de retención de Concepto no es un número', 'CFDI40999'));
      sums.set(t.Impuesto, [...(sums.get(t.Impuesto) ?? []), t.Importe]);
    }
    rows.forEach((t, j) => {
      const expected = sumRounded(sums.get(t.Impuesto) ?? [], d);
      if (!sameNumber(t.Importe, expected)) r.error({ node: `Impuestos/Retenciones/Retencion[${j + 1}]`, value: t.Importe, detail: `the rounded sum of the Conceptos' ${t.Impuesto} retentions is ${expected}` });
    });
    const declared = new Set(rows.map((t) => t.Impuesto));
    for (const impuesto of sums.keys()) {
      if (!declared.has(impuesto)) r.error({ node: 'Impuestos/Retenciones', value: impuesto, detail: `no Retencion row for impuesto ${impuesto} withheld in the Conceptos` });
    }
  },
});
