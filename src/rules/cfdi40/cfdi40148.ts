/**
 * CFDI40148 — cfdi:Receptor@DomicilioFiscalReceptor.
 *
 * SAT: Este atributo, debe pertenecer al nombre asociado al RFC registrado en el atributo Rfc
 * del Nodo Receptor.
 *
 * Compares with the fiscal CP the registry source has for the RFC (by default the empresa's
 * receptores directory).
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';
import { sinDatoDelRfc } from '../helpers.ts';

export const cfdi40148 = defineRule({
  code: 'CFDI40148',
  node: 'cfdi:Receptor',
  attribute: 'DomicilioFiscalReceptor',
  message: 'El campo DomicilioFiscalReceptor del receptor, debe pertenecer al nombre asociado al RFC registrado en el campo Rfc del Receptor.',
  check(c, ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return r.notApplicable('generic RFC');
    const reg = ctx.registry;
    const info = reg?.contribuyentes.get(rfc);

    if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito (CFDI40143)');
    if (info?.domicilioFiscal === undefined) return r.notChecked(sinDatoDelRfc('el código postal del domicilio fiscal', rfc, ctx), { value: c.Receptor.DomicilioFiscalReceptor });
    if (info.domicilioFiscal !== c.Receptor.DomicilioFiscalReceptor) r.error({ value: c.Receptor.DomicilioFiscalReceptor, detail: `${reg!.source} has "${info.domicilioFiscal}" for ${rfc}` });
  },
});
