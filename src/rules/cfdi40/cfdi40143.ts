/**
 * CFDI40143 — cfdi:Receptor@Rfc.
 *
 * SAT: Cuando no se utilice un RFC genérico, el RFC debe estar en la lista de RFC inscritos no
 * cancelados en el SAT.
 *
 * Against the registry source's `contribuyente(rfc).inscrito`. The default source (receptores
 * directory) cannot tell, so it stays notChecked there.
 */
import { defineRule } from '../define-rule.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from '../registry.ts';
import { fuenteRegistro, soloSatOPac } from '../helpers.ts';

export const cfdi40143 = defineRule({
  code: 'CFDI40143',
  node: 'cfdi:Receptor',
  attribute: 'Rfc',
  message: 'Este RFC del receptor no existe en la lista de RFC inscritos no cancelados del SAT.',
  check(c, ctx, r) {
    const rfc = c.Receptor.Rfc;
    if (rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return r.notApplicable('generic RFC');
    const reg = ctx.registry;
    const info = reg?.contribuyentes.get(rfc);

    if (info?.inscrito === undefined) return r.notChecked(soloSatOPac(`la lista de RFC inscritos no cancelados del SAT no está en ${fuenteRegistro(ctx)}`), { value: rfc });
    if (!info.inscrito) r.error({ value: rfc, detail: `according to ${reg!.source}` });
  },
});
