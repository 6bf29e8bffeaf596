/**
 * CFDI40147 — cfdi:Receptor@DomicilioFiscalReceptor.
 *
 * SAT: Este atributo, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.
 *
 * The SAT list of fiscal CPs of RFC inscritos is not public: the rule is ok when the value is
 * the one the registry source has for the RFC, and notChecked otherwise (CFDI40148 reports a
 * mismatch).
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';
import { distintoDelRfc, sinDatoDelRfc } from '../helpers.ts';

export const cfdi40147 = defineRule({
  code: 'CFDI40147',
  node: 'cfdi:Receptor',
  attribute: 'DomicilioFiscalReceptor',
  message: 'El campo DomicilioFiscalReceptor del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.',
  check(c, ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return r.notApplicable('generic RFC');
    const reg = ctx.registry;
    const info = reg?.contribuyentes.get(rfc);

    if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito (CFDI40143)');
    if (info?.domicilioFiscal === undefined) return r.notChecked(sinDatoDelRfc('el código postal del domicilio fiscal', rfc, ctx), { value: c.Receptor.DomicilioFiscalReceptor });
    if (info.domicilioFiscal !== c.Receptor.DomicilioFiscalReceptor) r.notChecked(distintoDelRfc('CFDI40148'), { value: c.Receptor.DomicilioFiscalReceptor });
  },
});
