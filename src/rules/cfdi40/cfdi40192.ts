/**
 * CFDI40192 — cfdi:Conceptos/Concepto:ACuentaTerceros@DomicilioFiscalACuentaTerceros.
 *
 * SAT: Este atributo, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.
 *
 * The SAT list of fiscal CPs is not public: ok when the value is the one the registry source
 * has for the RFC, notChecked otherwise (CFDI40193 reports a mismatch).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, distintoDelRfc, sinDatoDelRfc } from '../helpers.ts';

export const cfdi40192 = defineRule({
  code: 'CFDI40192',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'DomicilioFiscalACuentaTerceros',
  message: 'El campo DomicilioFiscalACuentaTerceros, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.',
  check(c, ctx, r) {
    let applies = false;
    c.Conceptos.forEach((k, i) => {
      const t = k.ACuentaTerceros;
      if (!t) return;
      applies = true;
      const node = `${conceptoNode(i)}/ACuentaTerceros`;
      const info = ctx.registry?.contribuyentes.get(t.RfcACuentaTerceros);
      if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito');
      if (info?.domicilioFiscal === undefined) return r.notChecked(sinDatoDelRfc('el código postal del domicilio fiscal', t.RfcACuentaTerceros, ctx), { node, value: t.DomicilioFiscalACuentaTerceros });
      if (info.domicilioFiscal !== t.DomicilioFiscalACuentaTerceros) r.notChecked(distintoDelRfc('CFDI40193'), { node, value: t.DomicilioFiscalACuentaTerceros });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
