/**
 * CRP20222 — pago20:Pago@RfcEmisorCtaOrd.
 *
 * SAT: El RFC del campo RfcEmisorCtaOrd no se encuentra en la lista de RFC.
 *
 * The list of RFC is the SAT register (registry source); an RFC it does not know is notChecked.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, pagoNode } from './pagos.ts';

export const crp20222 = defineRule({
  code: 'CRP20222',
  node: 'pago20:Pago',
  attribute: 'RfcEmisorCtaOrd',
  message: 'El RFC del campo RfcEmisorCtaOrd no se encuentra en la lista de RFC.',
  check(c, ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    let applies = false;
    p.Pago.forEach((pago, i) => {
      const rfc = pago.RfcEmisorCtaOrd;
      if (rfc === undefined || rfc === 'XEXX010101000') return;
      applies = true;
      const known = ctx.registry?.contribuyentes.get(rfc)?.inscrito;
      if (known === false) r.error({ node: pagoNode(i), attribute: 'RfcEmisorCtaOrd', value: rfc });
      else if (known === undefined) r.notChecked(`el RFC ${rfc} no está en el directorio de RFC inscritos (${ctx.registry?.source ?? 'sin directorio'}); agréguelo al directorio de receptores de la empresa`, { node: pagoNode(i), attribute: 'RfcEmisorCtaOrd' });
    });
    if (!applies) r.notApplicable('no RfcEmisorCtaOrd of a Mexican bank');
  },
});
