/**
 * CFDI40187 — cfdi:Conceptos/Concepto:ACuentaTerceros@RfcACuentaTerceros.
 *
 * SAT: El valor de este atributo, debe encontrarse en la lista l_LCO.
 *
 * Against the registry source's `enLco(rfc)`; notChecked without it (the default source has no
 * LCO).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, fuenteRegistro, soloSatOPac } from '../helpers.ts';

export const cfdi40187 = defineRule({
  code: 'CFDI40187',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'RfcACuentaTerceros',
  message: 'El campo ACuentaTerceros, no se encuentra en la lista l_LCO.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const t = k.ACuentaTerceros;
      if (!t) return;
      applies = true;
      const node = `${conceptoNode(i)}/ACuentaTerceros`;
      const inLco = ctx.registry?.lco.get(t.RfcACuentaTerceros);
      if (inLco === undefined) return r.notChecked(soloSatOPac(`la lista de contribuyentes con CSD (LCO) del SAT no está en ${fuenteRegistro(ctx)}`), { node, value: t.RfcACuentaTerceros });
      if (!inLco) r.error({ node, value: t.RfcACuentaTerceros });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
