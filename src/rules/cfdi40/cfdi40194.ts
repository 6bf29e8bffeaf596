/**
 * CFDI40194 — cfdi:Conceptos/Concepto:InformacionAduanera@NumeroPedimento.
 *
 * SAT: Este atributo, debe cumplir con las reglas de validación definidas.
 *
 * Format AA␣␣AD␣␣PPPP␣␣NNNNNNN, the first of the last 7 digits equal to the year's last digit,
 * aduana in c_Aduana, patente in c_PatenteAduanal, and the progressive number not above the
 * quantity c_NumPedimentoAduana authorises for (aduana, patente, year). A year that catalog
 * does not have yet is notChecked (the SAT publishes it late; the shared copy stops at 2022).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';
import { checkPedimento } from '../pedimento.ts';

export const cfdi40194 = defineRule({
  code: 'CFDI40194',
  node: 'cfdi:Conceptos/Concepto:InformacionAduanera',
  attribute: 'NumeroPedimento',
  message: 'El número de pedimento es inválido.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) =>
      k.InformacionAduanera.forEach((a, j) => {
        applies = true;
        checkPedimento(r, ctx, a.NumeroPedimento, `${conceptoNode(i)}/InformacionAduanera[${j + 1}]`);
      }),
    );
    if (!applies) r.notApplicable('no InformacionAduanera');
  },
});
