/**
 * CFDI40190 — cfdi:Conceptos/Concepto:ACuentaTerceros@NombreACuentaTerceros.
 *
 * SAT: Este atributo, debe pertenecer al nombre asociado al RFC registrado en el atributo Rfc
 * del Nodo ACuentaTerceros.
 *
 * Compares with the name the registry source has for the tercero's RFC.
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode, normalizeName, sinDatoDelRfc } from '../helpers.ts';

export const cfdi40190 = defineRule({
  code: 'CFDI40190',
  node: 'cfdi:Conceptos/Concepto:ACuentaTerceros',
  attribute: 'NombreACuentaTerceros',
  message: 'El campo NombreACuentaTerceros, debe pertenecer al nombre asociado al RFC registrado en el campo Rfc del tercero.',
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
      if (normalizeName(info.nombre) !== normalizeName(t.NombreACuentaTerceros)) r.error({ node, value: t.NombreACuentaTerceros, detail: `${ctx.registry!.source} has "${info.nombre}" for ${t.RfcACuentaTerceros}` });
    });
    if (!applies) r.notApplicable('no Concepto is a cuenta de terceros');
  },
});
