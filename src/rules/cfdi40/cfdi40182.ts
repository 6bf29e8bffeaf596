/**
 * CFDI40182 — cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion@Impuesto.
 *
 * SAT: Este atributo, debe contener un valor del catálogo c_Impuesto.
 *
 * Also requires the c_Impuesto column "retencion" to allow it (ISR is retention-only).
 */
import { c_Impuesto, lookup } from '../../catalogs/index.ts';
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';

export const cfdi40182 = defineRule({
  code: 'CFDI40182',
  node: 'cfdi:Conceptos/Concepto:Impuestos:Retenciones/Retencion',
  attribute: 'Impuesto',
  message: 'El valor del campo Impuesto que corresponde a Retención no contiene un valor del catálogo c_Impuesto.',
  check(c, _ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      (k.Impuestos?.Retenciones ?? []).forEach((t, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Impuestos/Retenciones/Retencion[${j + 1}]`;
        const imp = lookup(c_Impuesto, t.Impuesto, c.Fecha);
        if (!imp) r.error({ node, attribute: 'Impuesto', value: t.Impuesto, detail: 'not in c_Impuesto' });
        else if (!imp.retencion) r.error({ node, attribute: 'Impuesto', value: t.Impuesto, detail: `${imp.texto} is not a retencion tax in c_Impuesto` });
      }),
    );
    if (!applies) r.notApplicable('no Concepto has Retenciones');
  },
});
