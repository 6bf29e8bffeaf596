/**
 * CFDI40193 — cfdi:Conceptos/Concepto:ACuentaTerceros@DomicilioFiscalACuentaTerceros.
 *
 * SAT: Este atributo, debe pertenecer al nombre asociado al RFC registrado en el atributo
 * RfcACuentaTerceros del Nodo ACuentaTerceros.
 *
 * Compares with the fiscal CP the registry source has for the tercero's RFC.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, sinDatoDelRfc } from '../helpers.ts';

export const cfdi40193 = defineRule({
  code: 'CFDI40193',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'DomicilioFiscalACuentaTerceros',
  message: 'El campo DomicilioFiscalACuentaTerceros, debe pertenecer al nombre asociado al RFC registrado en el campo Rfc del tercero.',
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
      if (info.domicilioFiscal !== t.DomicilioFiscalACuentaTerceros) r.error({ node, value: t.DomicilioFiscalACuentaTerceros, detail: `${ctx.registry!.source} has "${info.domicilioFiscal}" for ${t.RfcACuentaTerceros}` });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
