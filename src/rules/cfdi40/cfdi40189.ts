/**
 * CFDI40189 — cfdi:Conceptos/Concepto:ACuentaTerceros@NombreACuentaTerceros.
 *
 * SAT: Este atributo, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.
 *
 * The SAT list of names is not public: ok when the value is the one the registry source has
 * for the RFC, notChecked otherwise (CFDI40190 reports a mismatch).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, distintoDelRfc, normalizeName, sinDatoDelRfc } from '../helpers.ts';

export const cfdi40189 = defineRule({
  code: 'CFDI40189',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'NombreACuentaTerceros',
  message: 'El campo NombreACuentaTerceros, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const t = k.ACuentaTerceros;
      if (!t) return;
      applies = true;
      const node = `${conceptoNode(i)}/ACuentaTerceros`;
      const info = ctx.registry?.contribuyentes.get(t.RfcACuentaTerceros);
      if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito');
      if (info?.nombre === undefined) return r.notChecked(sinDatoDelRfc('el nombre', t.RfcACuentaTerceros, ctx), { node, value: t.NombreACuentaTerceros });
      if (normalizeName(info.nombre) !== normalizeName(t.NombreACuentaTerceros)) r.notChecked(distintoDelRfc('CFDI40190'), { node, value: t.NombreACuentaTerceros });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
