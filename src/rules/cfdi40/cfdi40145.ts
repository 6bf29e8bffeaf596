/**
 * CFDI40145 — cfdi:Receptor@Nombre.
 *
 * SAT: Este atributo, debe pertenecer al nombre asociado al RFC registrado en el atributo Rfc
 * del Nodo Receptor.
 *
 * Compares with the name the registry source has for the RFC (by default the empresa's
 * receptores directory); case and spaces are normalised.
 */
import { defineRule } from '../define-rule.ts';
import { normalizeName, sinDatoDelRfc } from '../helpers.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';

export const cfdi40145 = defineRule({
  code: 'CFDI40145',
  node: 'cfdi:Receptor',
  attribute: 'Nombre',
  message: 'El campo Nombre del receptor, debe pertenecer al nombre asociado al RFC registrado en el campo Rfc del Receptor.',
  check(c, ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return r.notApplicable('generic RFC');
    const reg = ctx.registry;
    const info = reg?.contribuyentes.get(rfc);

    if (info?.inscrito === false) return r.notApplicable('the RFC is not inscrito (CFDI40143)');
    if (info?.nombre === undefined) return r.notChecked(sinDatoDelRfc('el nombre', rfc, ctx), { value: c.Receptor.Nombre });
    if (normalizeName(info.nombre) !== normalizeName(c.Receptor.Nombre)) r.error({ value: c.Receptor.Nombre, detail: `${reg!.source} has "${info.nombre}" for ${rfc}` });
  },
});
