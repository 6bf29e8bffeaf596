/**
 * The Pagos 2.0 records of the xsa layout (docs/layouts.md, "Payment receipts") →
 * PagosDraft. Records link by key, in any order: a comPagosDoctoRel names its compPagos
 * by pago id (field 1) and its tax group (field 12); DR tax records name the group, P tax
 * records the pago. Every broken link is an error at its line and field.
 */
import type { DoctoRelacionadoDraft, ImpuestoDRDraft, PagoDraft, PagosDraft } from '../../cfdi/pagos/draft.ts';
import { A_TOTALES, type Totales } from '../../cfdi/pagos/model.ts';
import type { LayoutError } from '../connector.ts';
import { layoutError, type Where } from '../errors.ts';
import { tasa, type CheckedRecord } from './parse.ts';

type Impuestos = { RetencionesDR: ImpuestoDRDraft[]; TrasladosDR: ImpuestoDRDraft[] };

/** A copy without the keys whose value is undefined. */
function prune<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function interpretPagos(recs: CheckedRecord[], errors: LayoutError[]): PagosDraft | undefined {
  const pagos = new Map<string, { r: CheckedRecord; pago: PagoDraft }>();
  const doctos: Array<{ r: CheckedRecord; d: DoctoRelacionadoDraft }> = [];
  const grupos = new Map<string, Impuestos>();
  const grupoUsado = new Set<string>();
  const impuestosP: CheckedRecord[] = [];
  let totales: Partial<Totales> | undefined;
  const at = (r: CheckedRecord, field: number): Where => ({ line: r.line, record: r.id, field, fieldName: r.spec.fields[field - 1].name });

  for (const r of recs) {
    const v = r.v;
    switch (r.id) {
      case 'COMPPAGOS': {
        if (v[1] !== undefined && v[1] !== '2.0') errors.push(layoutError('LAYOUT_VALOR', at(r, 2), 'debe ser 2.0 (Pagos 2.0)', v[1]));
        const key = r.raw[0];
        if (pagos.has(key)) {
          errors.push(layoutError('LAYOUT_CLAVE_DUPLICADA', at(r, 1), `ya es la clave del pago de la línea ${pagos.get(key)!.r.line}`, key));
          break;
        }
        const pago = prune({
          FechaPago: v[2] ?? '', FormaDePagoP: v[3] ?? '', MonedaP: v[4] ?? '', TipoCambioP: v[5], Monto: v[6], NumOperacion: v[7],
          RfcEmisorCtaOrd: v[8], NomBancoOrdExt: v[9], CtaOrdenante: v[10], RfcEmisorCtaBen: v[11], CtaBeneficiario: v[12],
          TipoCadPago: v[13], CertPago: v[14], CadPago: v[15], SelloPago: v[16], DoctoRelacionado: [] as DoctoRelacionadoDraft[],
        });
        pagos.set(key, { r, pago });
        break;
      }
      case 'COMPAGOSDOCTOREL':
        doctos.push({
          r,
          d: prune({
            IdDocumento: v[1] ?? '', Serie: v[2], Folio: v[3], MonedaDR: v[4], EquivalenciaDR: v[5], NumParcialidad: v[6],
            ImpSaldoAnt: v[7], ImpPagado: v[8], ImpSaldoInsoluto: v[9], ObjetoImpDR: v[10],
          }),
        });
        break;
      case 'COMPAGOSIMPTRASLADOSDR':
      case 'COMPAGOSIMPRETENCIONESDR': {
        if (r.bad) break;
        const g = grupos.get(r.raw[0]) ?? { RetencionesDR: [], TrasladosDR: [] };
        grupos.set(r.raw[0], g);
        const tf = v[3] ?? 'Tasa';
        const t: ImpuestoDRDraft = prune({ BaseDR: v[1], ImpuestoDR: v[2]!, TipoFactorDR: tf, TasaOCuotaDR: tasa(r, 4, tf, errors), ImporteDR: v[5] });
        if (tf !== 'Exento' && t.TasaOCuotaDR === undefined && v[4] === undefined) {
          errors.push(layoutError('LAYOUT_REQUERIDO', at(r, 5), `es obligatorio con TipoFactor ${tf}`));
        }
        (r.id === 'COMPAGOSIMPTRASLADOSDR' ? g.TrasladosDR : g.RetencionesDR).push(t);
        break;
      }
      case 'COMPAGOSIMPTRASLADOSP':
      case 'COMPAGOSIMPRETENCIONESP':
        impuestosP.push(r);
        break;
      case 'COMPTOTALES':
        totales = {};
        A_TOTALES.forEach((name, i) => {
          if (v[i] !== undefined) totales![name] = v[i];
        });
        break;
    }
  }
  if (pagos.size === 0 && doctos.length === 0 && impuestosP.length === 0 && !totales && grupos.size === 0) return undefined;

  for (const { r, d } of doctos) {
    const p = pagos.get(r.raw[0]);
    if (!p) {
      errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', at(r, 1), 'no es la clave de ningún pago (registro compPagos, campo 1)', r.raw[0]));
      continue;
    }
    const grupo = r.v[11];
    if (grupo !== undefined) {
      const g = grupos.get(grupo);
      if (!g) errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', at(r, 12), 'no es la clave de ningún grupo de impuestos (registros comPagosImpTrasladosDR/comPagosImpRetencionesDR, campo 1)', grupo));
      else {
        grupoUsado.add(grupo);
        d.ImpuestosDR = { RetencionesDR: g.RetencionesDR.map((x) => ({ ...x })), TrasladosDR: g.TrasladosDR.map((x) => ({ ...x })) };
      }
    }
    p.pago.DoctoRelacionado.push(d);
  }
  for (const r of recs) {
    if ((r.id === 'COMPAGOSIMPTRASLADOSDR' || r.id === 'COMPAGOSIMPRETENCIONESDR') && !grupoUsado.has(r.raw[0])) {
      errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', at(r, 1), 'ningún documento relacionado (comPagosDoctoRel, campo 12) usa este grupo de impuestos', r.raw[0]));
    }
  }
  for (const r of impuestosP) {
    const p = pagos.get(r.raw[0]);
    if (!p) {
      errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', at(r, 1), 'no es la clave de ningún pago (registro compPagos, campo 1)', r.raw[0]));
      continue;
    }
    if (r.bad) continue;
    const ip = (p.pago.ImpuestosP ??= { RetencionesP: [], TrasladosP: [] });
    const v = r.v;
    if (r.id === 'COMPAGOSIMPRETENCIONESP') ip.RetencionesP.push(prune({ ImpuestoP: v[1]!, ImporteP: v[2] }));
    else {
      const tf = v[3] ?? 'Tasa';
      ip.TrasladosP.push(prune({ BaseP: v[1], ImpuestoP: v[2]!, TipoFactorP: tf, TasaOCuotaP: tasa(r, 4, tf, errors), ImporteP: v[5] }));
    }
  }
  for (const { r, pago } of pagos.values()) {
    if (pago.DoctoRelacionado.length === 0) {
      errors.push(layoutError('LAYOUT_PAGO_SIN_DOCUMENTOS', at(r, 1), 'el pago no tiene documentos relacionados (registros comPagosDoctoRel con esta clave)', r.raw[0]));
    }
  }
  if (pagos.size === 0) errors.push(layoutError('LAYOUT_PAGO_SIN_DOCUMENTOS', {}, 'hay registros del complemento de pagos pero ningún compPagos'));
  const out: PagosDraft = { Pago: [...pagos.values()].map((x) => x.pago) };
  if (totales) out.Totales = totales;
  return out;
}
