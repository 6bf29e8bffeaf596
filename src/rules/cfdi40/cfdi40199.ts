/**
 * CFDI40199 — cfdi:Conceptos/Concepto:Parte:InformacionAduanera@NumeroPedimento.
 *
 * SAT: Este atributo, debe cumplir con las reglas de validación definidas.
 *
 * As CFDI40194, for the Partes' InformacionAduanera.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';
import { checkPedimento } from '../pedimento.ts';

export const cfdi40199 = defineRule({
  code: 'CFDI40199',
  node: 'cfdi:Conceptos/Concepto:Parte:InformacionAduanera',
  attribute: 'NumeroPedimento',
  message: 'El número de pedimento es inválido.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      k.Parte.forEach((p, j) => {
        applies = true;
        const node = `${conceptoNode(i)}/Parte[${j + 1}]`;
        p.InformacionAduanera.forEach((a, n) => checkPedimento(r, ctx, a.NumeroPedimento, `${node}/InformacionAduanera[${n + 1}]`));
      }),
    );
    if (!applies) r.notApplicable('no Parte');
  },
});
