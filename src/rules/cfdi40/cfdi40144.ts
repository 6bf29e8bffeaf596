/**
 * CFDI40144 — cfdi:Receptor@Nombre.
 *
 * SAT: Este atributo, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.
 *
 * The SAT list of names of RFC inscritos is not public: the rule is ok when the value is the
 * one the registry source has for the RFC, and notChecked otherwise (CFDI40145 reports a
 * mismatch).
 */
import { defineRule } from '../define-rule.ts';
import { distintoDelRfc, normalizeName, sinDatoDelRfc } from '../helpers.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40144 = defineRule({
  code: 'CFDI40144',
  node: 'cfdi:Receptor',
  attribute: 'Nombre',
  message: 'El campo Nombre del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.',
  check(c, ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return r.notApplicable('generic RFC');
    const reg = ctx.registry;
    const info = reg?.contribuyentes.get(rfc);

    if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito (CFDI40143)');
    if (info?.nombre === undefined) return r.notChecked(sinDatoDelRfc('el nombre', rfc, ctx), { value: c.Receptor.Nombre });
    if (normalizeName(info.nombre) !== normalizeName(c.Receptor.Nombre)) r.notChecked(distintoDelRfc('CFDI40145'), { value: c.Receptor.Nombre });
  },
});
