/**
 * Completes the Pagos 2.0 complement of a draft. Declared values are kept as written
 * (the CRP20 rules judge them); missing ones are computed with decimal arithmetic:
 *
 * - TipoCambioP `1` for MonedaP MXN; MonedaDR = MonedaP and EquivalenciaDR `1` when the
 *   client names no other currency (CRP20238); with one document and both amounts given,
 *   EquivalenciaDR = ImpPagado / Monto (10 decimals, the schema's maximum);
 * - ImpPagado = Monto × EquivalenciaDR for a single document; Monto = Σ ImpPagado /
 *   EquivalenciaDR, the exact sum rounded half-up once to the MonedaP decimals (inside the
 *   margins of CRP20275/CRP20276); ImpSaldoInsoluto = ImpSaldoAnt − ImpPagado (CRP20244);
 * - ImpuestosDR: a declared tax without BaseDR gets ImpPagado / (1 + Σ traslado rates −
 *   Σ retención rates) (the amount paid includes its taxes); a missing ImporteDR is
 *   BaseDR × TasaOCuotaDR; with no taxes declared and the invoice known (the service
 *   issued it), each of its tax groups in proportion ImpPagado / Total of the invoice.
 *   DR values are rounded half-up to the MonedaDR decimals (inside the window of
 *   CRP20254/CRP20261);
 * - ImpuestosP: per tax group, Σ value / EquivalenciaDR, written with 6 decimals
 *   (CRP20265, CRP20268, CRP20274), as the SAT's samples do;
 * - Totales: Σ over the Pagos of value × TipoCambioP, rounded to 2 decimals (MXN)
 *   (CRP20201–CRP20211).
 *
 * A value that can be neither taken nor computed is reported in `faltantes` (and left
 * empty): the caller refuses the document naming the field.
 */
import { add, compare, div, fixed, format, mul, round, roundHalfUp, sub, sum, type Fixed } from '../amounts/decimal.ts';
import type { DoctoRelacionadoDraft, ImpuestoDRDraft, PagoDraft, PagosDraft } from './draft.ts';
import type { DoctoRelacionado, ImpuestoDR, ImpuestosP, Pago, Pagos, RetencionP, Totales, TrasladoP } from './model.ts';

export interface PagosOptions {
  monedaDecimales: (moneda: string) => number | undefined;
}

export interface Faltante {
  /** 1-based. */
  pago: number;
  /** 1-based, when the value belongs to a DoctoRelacionado. */
  docto?: number;
  campo: string;
}

/** Decimals of EquivalenciaDR (Pagos20.xsd: up to 10). */
export const EQUIVALENCIA_DECIMALES = 10;
/** Decimals written in ImpuestosP (t_Importe allows 6; the SAT's samples use them). */
export const IMPUESTOS_P_DECIMALES = 6;

const decimalesDe = (o: PagosOptions, m: string) => o.monedaDecimales(m) ?? 2;
const isNum = (s: string | undefined): s is string => s !== undefined && /^-?\d+(\.\d+)?$/.test(s);

/** Canonical rate key: `0.16` and `0.160000` are the same group. */
export function tasaKey(t: string | undefined): string {
  if (!isNum(t)) return t ?? '';
  return format(fixed(t)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Group key of a traslado: impuesto, factor and rate. */
export function trasladoKey(impuesto: string, factor: string, tasa: string | undefined): string {
  return `${impuesto}|${factor}|${tasaKey(tasa)}`;
}

export function completePagos(d: PagosDraft, o: PagosOptions): { pagos: Pagos; faltantes: Faltante[] } {
  const faltantes: Faltante[] = [];
  const pagos = d.Pago.map((p, i) => completePago(p, i + 1, o, faltantes));
  return { pagos: { Version: '2.0', Totales: totales(pagos, d.Totales ?? {}), Pago: pagos }, faltantes };
}

function completePago(p: PagoDraft, n: number, o: PagosOptions, faltantes: Faltante[]): Pago {
  const falta = (campo: string, docto?: number) => faltantes.push(docto === undefined ? { pago: n, campo } : { pago: n, docto, campo });
  const decP = decimalesDe(o, p.MonedaP);
  const TipoCambioP = p.TipoCambioP ?? (p.MonedaP === 'MXN' ? '1' : undefined);
  const single = p.DoctoRelacionado.length === 1;
  const doctos = p.DoctoRelacionado.map((dr, j) => completeDocto(dr, p, single, o, (campo) => falta(campo, j + 1)));
  let Monto = p.Monto;
  if (Monto === undefined) {
    if (doctos.every((x) => isNum(x.ImpPagado) && isNum(x.EquivalenciaDR) && compare(x.EquivalenciaDR, '0') > 0)) {
      // One half-up rounding of the exact sum: rounding up (or per document) can leave the
      // SAT's margins (CRP20275/CRP20276); CRP20217 compares the converted sum truncated.
      Monto = format(round(sum(doctos.map((x) => div(x.ImpPagado, x.EquivalenciaDR!, 12))), decP, 'half-up'));
    } else {
      Monto = '';
      falta('Monto');
    }
  }
  return {
    FechaPago: p.FechaPago,
    FormaDePagoP: p.FormaDePagoP,
    MonedaP: p.MonedaP,
    TipoCambioP,
    Monto,
    NumOperacion: p.NumOperacion,
    RfcEmisorCtaOrd: p.RfcEmisorCtaOrd,
    NomBancoOrdExt: p.NomBancoOrdExt,
    CtaOrdenante: p.CtaOrdenante,
    RfcEmisorCtaBen: p.RfcEmisorCtaBen,
    CtaBeneficiario: p.CtaBeneficiario,
    TipoCadPago: p.TipoCadPago,
    CertPago: p.CertPago,
    CadPago: p.CadPago,
    SelloPago: p.SelloPago,
    DoctoRelacionado: doctos,
    ImpuestosP: impuestosP(doctos, p.ImpuestosP),
  };
}

function completeDocto(d: DoctoRelacionadoDraft, p: PagoDraft, single: boolean, o: PagosOptions, falta: (campo: string) => void): DoctoRelacionado {
  const MonedaDR = d.MonedaDR ?? p.MonedaP;
  const decDR = decimalesDe(o, MonedaDR);
  let EquivalenciaDR = d.EquivalenciaDR;
  if (EquivalenciaDR === undefined) {
    if (MonedaDR === p.MonedaP) EquivalenciaDR = '1';
    else if (single && isNum(d.ImpPagado) && isNum(p.Monto) && compare(p.Monto, '0') > 0) {
      EquivalenciaDR = format(div(d.ImpPagado, p.Monto, EQUIVALENCIA_DECIMALES));
    } else falta('EquivalenciaDR');
  }
  let ImpPagado = d.ImpPagado;
  if (ImpPagado === undefined) {
    if (single && isNum(p.Monto) && isNum(EquivalenciaDR)) ImpPagado = roundHalfUp(mul(p.Monto, EquivalenciaDR), decDR);
    else {
      ImpPagado = '';
      falta('ImpPagado');
    }
  }
  const ImpSaldoAnt = d.ImpSaldoAnt ?? '';
  if (d.ImpSaldoAnt === undefined) falta('ImpSaldoAnt');
  const NumParcialidad = d.NumParcialidad ?? '';
  if (d.NumParcialidad === undefined) falta('NumParcialidad');
  let ImpSaldoInsoluto = d.ImpSaldoInsoluto;
  if (ImpSaldoInsoluto === undefined) ImpSaldoInsoluto = isNum(ImpSaldoAnt) && isNum(ImpPagado) ? roundHalfUp(sub(ImpSaldoAnt, ImpPagado), decDR) : '';
  const declared = d.ImpuestosDR && (d.ImpuestosDR.TrasladosDR.length > 0 || d.ImpuestosDR.RetencionesDR.length > 0);
  const facturaGravada = d.factura && (d.factura.Traslados.length > 0 || d.factura.Retenciones.length > 0);
  const ObjetoImpDR = d.ObjetoImpDR ?? (declared || facturaGravada ? '02' : '01');
  let ImpuestosDR: DoctoRelacionado['ImpuestosDR'];
  if (d.ImpuestosDR && declared) ImpuestosDR = declaredDR(d.ImpuestosDR, ImpPagado, decDR);
  else if (ObjetoImpDR === '02' && d.factura && facturaGravada && isNum(ImpPagado)) {
    const f = d.factura;
    const share = (base: string) => roundHalfUp(div(mul(base, ImpPagado), f.Total, 12), decDR);
    ImpuestosDR = {
      RetencionesDR: f.Retenciones.map((r) => withImporte({ BaseDR: share(r.Base), ImpuestoDR: r.Impuesto, TipoFactorDR: r.TipoFactor, TasaOCuotaDR: r.TasaOCuota }, decDR)),
      TrasladosDR: f.Traslados.map((t) => withImporte({ BaseDR: share(t.Base), ImpuestoDR: t.Impuesto, TipoFactorDR: t.TipoFactor, TasaOCuotaDR: t.TasaOCuota }, decDR)),
    };
  }
  return {
    IdDocumento: d.IdDocumento,
    Serie: d.Serie,
    Folio: d.Folio,
    MonedaDR,
    EquivalenciaDR,
    NumParcialidad,
    ImpSaldoAnt,
    ImpPagado,
    ImpSaldoInsoluto,
    ObjetoImpDR,
    ImpuestosDR,
  };
}

function withImporte(t: ImpuestoDRDraft & { BaseDR: string }, decDR: number): ImpuestoDR {
  const exento = t.TipoFactorDR === 'Exento';
  let ImporteDR = t.ImporteDR;
  if (ImporteDR === undefined && !exento && isNum(t.TasaOCuotaDR) && isNum(t.BaseDR)) ImporteDR = roundHalfUp(mul(t.BaseDR, t.TasaOCuotaDR), decDR);
  return { BaseDR: t.BaseDR, ImpuestoDR: t.ImpuestoDR, TipoFactorDR: t.TipoFactorDR, TasaOCuotaDR: exento ? undefined : t.TasaOCuotaDR, ImporteDR: exento ? undefined : ImporteDR };
}

/** The declared DR taxes; a missing BaseDR is the part of ImpPagado before its taxes. */
function declaredDR(i: NonNullable<DoctoRelacionadoDraft['ImpuestosDR']>, impPagado: string, decDR: number): DoctoRelacionado['ImpuestosDR'] {
  let factor: Fixed = fixed('1');
  for (const t of i.TrasladosDR) if (t.TipoFactorDR === 'Tasa' && isNum(t.TasaOCuotaDR)) factor = add(factor, t.TasaOCuotaDR);
  for (const r of i.RetencionesDR) if (r.TipoFactorDR === 'Tasa' && isNum(r.TasaOCuotaDR)) factor = sub(factor, r.TasaOCuotaDR);
  const base = (b: string | undefined) => b ?? (isNum(impPagado) && factor.v > 0n ? format(div(impPagado, factor, decDR)) : '');
  return {
    RetencionesDR: i.RetencionesDR.map((r) => withImporte({ ...r, BaseDR: base(r.BaseDR) }, decDR)),
    TrasladosDR: i.TrasladosDR.map((t) => withImporte({ ...t, BaseDR: base(t.BaseDR) }, decDR)),
  };
}

/** A DR value in the payment's currency: value / EquivalenciaDR (exact to 12 decimals). */
function enMonedaP(v: string, equivalencia: string | undefined): Fixed {
  if (!isNum(v)) return fixed('0');
  if (!isNum(equivalencia) || compare(equivalencia, '1') === 0 || compare(equivalencia, '0') === 0) return fixed(v);
  return div(v, equivalencia, 12);
}

interface GrupoP {
  ImpuestoP: string;
  TipoFactorP: string;
  TasaOCuotaP?: string;
  bases: Fixed[];
  importes: Fixed[];
}

/** ImpuestosP grouped from the DoctoRelacionado taxes: traslados by impuesto/factor/rate, retenciones by impuesto. */
export function gruposP(doctos: DoctoRelacionado[]): { traslados: Map<string, GrupoP>; retenciones: Map<string, GrupoP> } {
  const traslados = new Map<string, GrupoP>();
  const retenciones = new Map<string, GrupoP>();
  for (const d of doctos) {
    const i = d.ImpuestosDR;
    if (!i) continue;
    for (const t of i.TrasladosDR) {
      const k = trasladoKey(t.ImpuestoDR, t.TipoFactorDR, t.TasaOCuotaDR);
      let g = traslados.get(k);
      if (!g) traslados.set(k, (g = { ImpuestoP: t.ImpuestoDR, TipoFactorP: t.TipoFactorDR, TasaOCuotaP: t.TasaOCuotaDR, bases: [], importes: [] }));
      g.bases.push(enMonedaP(t.BaseDR, d.EquivalenciaDR));
      if (t.ImporteDR !== undefined) g.importes.push(enMonedaP(t.ImporteDR, d.EquivalenciaDR));
    }
    for (const r of i.RetencionesDR) {
      let g = retenciones.get(r.ImpuestoDR);
      if (!g) retenciones.set(r.ImpuestoDR, (g = { ImpuestoP: r.ImpuestoDR, TipoFactorP: r.TipoFactorDR, bases: [], importes: [] }));
      g.importes.push(enMonedaP(r.ImporteDR ?? '', d.EquivalenciaDR));
    }
  }
  return { traslados, retenciones };
}

function impuestosP(doctos: DoctoRelacionado[], declared: PagoDraft['ImpuestosP']): ImpuestosP | undefined {
  const { traslados, retenciones } = gruposP(doctos);
  const r6 = (vs: Fixed[]) => roundHalfUp(sum(vs), IMPUESTOS_P_DECIMALES);
  if (declared) {
    return {
      RetencionesP: declared.RetencionesP.map((r): RetencionP => ({ ImpuestoP: r.ImpuestoP, ImporteP: r.ImporteP ?? r6(retenciones.get(r.ImpuestoP)?.importes ?? []) })),
      TrasladosP: declared.TrasladosP.map((t): TrasladoP => {
        const g = traslados.get(trasladoKey(t.ImpuestoP, t.TipoFactorP, t.TasaOCuotaP));
        const exento = t.TipoFactorP === 'Exento';
        return {
          BaseP: t.BaseP ?? r6(g?.bases ?? []),
          ImpuestoP: t.ImpuestoP,
          TipoFactorP: t.TipoFactorP,
          TasaOCuotaP: t.TasaOCuotaP,
          ImporteP: t.ImporteP ?? (exento ? undefined : r6(g?.importes ?? [])),
        };
      }),
    };
  }
  if (traslados.size === 0 && retenciones.size === 0) return undefined;
  return {
    RetencionesP: [...retenciones.values()].map((g) => ({ ImpuestoP: g.ImpuestoP, ImporteP: r6(g.importes) })),
    TrasladosP: [...traslados.values()].map((g) => {
      const exento = g.TipoFactorP === 'Exento';
      return { BaseP: r6(g.bases), ImpuestoP: g.ImpuestoP, TipoFactorP: g.TipoFactorP, TasaOCuotaP: exento ? undefined : g.TasaOCuotaP, ImporteP: exento ? undefined : r6(g.importes) };
    }),
  };
}

/** Which Totales attribute a P-level tax feeds, and with which of its values. */
export const TOTALES_DE_TRASLADO: ReadonlyArray<{ tasa: string | undefined; factor: string; base: keyof Totales; importe?: keyof Totales }> = [
  { tasa: '0.16', factor: 'Tasa', base: 'TotalTrasladosBaseIVA16', importe: 'TotalTrasladosImpuestoIVA16' },
  { tasa: '0.08', factor: 'Tasa', base: 'TotalTrasladosBaseIVA8', importe: 'TotalTrasladosImpuestoIVA8' },
  { tasa: '0', factor: 'Tasa', base: 'TotalTrasladosBaseIVA0', importe: 'TotalTrasladosImpuestoIVA0' },
  { tasa: undefined, factor: 'Exento', base: 'TotalTrasladosBaseIVAExento' },
];
export const TOTALES_DE_RETENCION: Readonly<Record<string, keyof Totales>> = {
  '002': 'TotalRetencionesIVA',
  '001': 'TotalRetencionesISR',
  '003': 'TotalRetencionesIEPS',
};

/** Σ over Pagos of value × TipoCambioP (exact), per Totales attribute; only those with a source. */
export function totalesExactos(pagos: Pago[]): Map<keyof Totales, Fixed> {
  const acc = new Map<keyof Totales, Fixed>();
  const put = (k: keyof Totales, v: string | undefined, tc: string) => {
    if (!isNum(v)) return;
    acc.set(k, add(acc.get(k) ?? fixed('0'), mul(v, tc)));
  };
  for (const p of pagos) {
    const tc = isNum(p.TipoCambioP) ? p.TipoCambioP : '1';
    put('MontoTotalPagos', p.Monto, tc);
    for (const r of p.ImpuestosP?.RetencionesP ?? []) {
      const k = TOTALES_DE_RETENCION[r.ImpuestoP];
      if (k) put(k, r.ImporteP, tc);
    }
    for (const t of p.ImpuestosP?.TrasladosP ?? []) {
      if (t.ImpuestoP !== '002') continue;
      const m = TOTALES_DE_TRASLADO.find((x) => x.factor === t.TipoFactorP && (x.tasa === undefined || tasaKey(x.tasa) === tasaKey(t.TasaOCuotaP)));
      if (!m) continue;
      put(m.base, t.BaseP, tc);
      if (m.importe) put(m.importe, t.ImporteP, tc);
    }
  }
  return acc;
}

function totales(pagos: Pago[], declared: Partial<Totales>): Totales {
  const exact = totalesExactos(pagos);
  const out: Record<string, string | undefined> = {};
  for (const k of ['TotalRetencionesIVA', 'TotalRetencionesISR', 'TotalRetencionesIEPS', 'TotalTrasladosBaseIVA16', 'TotalTrasladosImpuestoIVA16', 'TotalTrasladosBaseIVA8', 'TotalTrasladosImpuestoIVA8', 'TotalTrasladosBaseIVA0', 'TotalTrasladosImpuestoIVA0', 'TotalTrasladosBaseIVAExento', 'MontoTotalPagos'] as const) {
    const e = exact.get(k);
    out[k] = declared[k] ?? (e ? roundHalfUp(e, 2) : undefined);
  }
  out.MontoTotalPagos ??= '0.00';
  return out as unknown as Totales;
}
