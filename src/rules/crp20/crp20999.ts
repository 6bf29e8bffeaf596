/**
 * CRP20999 — (general)@(general).
 *
 * SAT: Error no clasificado.
 *
 * The schema-level checks of Pagos20.xsd no numbered code covers (required attributes, t_Importe,
 * t_ImporteMXN, dates, UUID, NumParcialidad, EquivalenciaDR), so that a client learns of them
 * before the PAC answers with its own schema error.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr, decimales, pagoNode, doctoNode } from './pagos.ts';

const IMPORTE = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const TIPO_CAMBIO = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const EQUIVALENCIA = /^[0-9]{1,18}(\.[0-9]{1,10})?$/;
const FECHA = /^(20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
const ID_DOCUMENTO = /^([a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}|[0-9]{3}-[0-9]{2}-[0-9]{9})$/;
const PARCIALIDAD = /^[1-9][0-9]{0,2}$/;

export const crp20999 = defineRule({
  code: 'CRP20999',
  node: '(general)',
  attribute: '(general)',
  message: 'Error no clasificado.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    const importe = (node: string, attribute: string, v: string | undefined, required = true) => {
      if (v === undefined || v === '') {
        if (required) r.error({ node, attribute, detail: 'es obligatorio' });
      } else if (!IMPORTE.test(v)) r.error({ node, attribute, value: v, detail: 'no es un t_Importe (hasta 18 enteros y 6 decimales)' });
    };
    const patron = (node: string, attribute: string, v: string | undefined, re: RegExp, what: string, required = true) => {
      if (v === undefined || v === '') {
        if (required) r.error({ node, attribute, detail: 'es obligatorio' });
      } else if (!re.test(v)) r.error({ node, attribute, value: v, detail: what });
    };
    if (p.Version !== '2.0') r.error({ node: 'pago20:Pagos', attribute: 'Version', value: p.Version, detail: 'debe ser 2.0' });
    for (const [k, v] of Object.entries(p.Totales)) importe('pago20:Totales', k, v, k === 'MontoTotalPagos');
    for (const [k, v] of Object.entries(p.Totales)) if (v !== undefined && v !== '' && IMPORTE.test(v) && decimales(v)! > 2) r.error({ node: 'pago20:Totales', attribute: k, value: v, detail: 't_ImporteMXN lleva 2 decimales' });
    if (p.Pago.length === 0) r.error({ node: 'pago20:Pagos', attribute: 'Pago', detail: 'debe haber al menos un Pago' });
    p.Pago.forEach((pago, i) => {
      const n = pagoNode(i);
      patron(n, 'FechaPago', pago.FechaPago, FECHA, 'no tiene la forma AAAA-MM-DDThh:mm:ss');
      patron(n, 'TipoCambioP', pago.TipoCambioP, TIPO_CAMBIO, 'no es un número con hasta 6 decimales', false);
      importe(n, 'Monto', pago.Monto);
      if (pago.DoctoRelacionado.length === 0) r.error({ node: n, attribute: 'DoctoRelacionado', detail: 'debe haber al menos un DoctoRelacionado' });
      pago.DoctoRelacionado.forEach((d, j) => {
        const dn = doctoNode(i, j);
        patron(dn, 'IdDocumento', d.IdDocumento, ID_DOCUMENTO, 'no es un UUID (ni un folio fiscal anterior)');
        patron(dn, 'EquivalenciaDR', d.EquivalenciaDR, EQUIVALENCIA, 'no es un número con hasta 10 decimales', false);
        patron(dn, 'NumParcialidad', d.NumParcialidad, PARCIALIDAD, 'debe ser de 1 a 999');
        for (const a of ['ImpSaldoAnt', 'ImpPagado', 'ImpSaldoInsoluto'] as const) importe(dn, a, d[a]);
        for (const [kind, list] of [['RetencionDR', d.ImpuestosDR?.RetencionesDR ?? []], ['TrasladoDR', d.ImpuestosDR?.TrasladosDR ?? []]] as const) {
          list.forEach((t, k) => {
            const tn = `${dn}/ImpuestosDR/${kind}[${k + 1}]`;
            importe(tn, 'BaseDR', t.BaseDR);
            importe(tn, 'TasaOCuotaDR', t.TasaOCuotaDR, false);
            importe(tn, 'ImporteDR', t.ImporteDR, false);
          });
        }
      });
      for (const t of pago.ImpuestosP?.RetencionesP ?? []) importe(`${n}/ImpuestosP/RetencionP`, 'ImporteP', t.ImporteP);
      for (const t of pago.ImpuestosP?.TrasladosP ?? []) {
        importe(`${n}/ImpuestosP/TrasladoP`, 'BaseP', t.BaseP);
        importe(`${n}/ImpuestosP/TrasladoP`, 'ImporteP', t.ImporteP, false);
      }
    });
  },
});
