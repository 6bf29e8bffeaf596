/**
 * Completes a draft into a Comprobante: every value the draft omits and the SAT can
 * derive is computed with decimal arithmetic; every value the draft declares is kept
 * exactly as written (the SAT rules judge it afterwards, as CFDI40108 does in the seed).
 *
 * Rounding (Anexo 20 / SAT matrix, see docs/cfdi40-domain.md §2):
 * - concept values we compute (Importe, tax Base, tax Importe) are rounded half-up to
 *   the currency decimals: the exact value rounded to the decimals written always lies
 *   inside the SAT tolerance window (CFDI40167, CFDI40180);
 * - document values are rounded sums at the currency decimals (CFDI40108, 40111, 40211,
 *   40215, 40221) and Total = SubTotal − Descuento + traslados − retenciones (CFDI40119);
 * - a computed IVA Base includes the concept's IEPS (Ley del IVA arts. 12 and 18).
 */
import type { ComprobanteDraft, ConceptoDraft, ImpuestosDraft, TrasladoConceptoDraft } from '../draft.ts';
import type {
  Comprobante,
  Concepto,
  ConceptoImpuestos,
  Emisor,
  Impuestos,
  RetencionConcepto,
  RetencionDocumento,
  TrasladoConcepto,
  TrasladoDocumento,
} from '../model.ts';
import { completePagos, type Faltante } from '../pagos/complete.ts';
import { pagosElement } from '../pagos/element.ts';
import { add, decimalsOf, fixed, format, mul, roundHalfUp, sub, sum, type Fixed } from './decimal.ts';

export interface CompleteOptions {
  /** c_Moneda.decimales for a currency code; undefined when unknown (2 is then used). */
  monedaDecimales: (moneda: string) => number | undefined;
  /** Receives the Pagos 2.0 values that could be neither taken nor computed (left empty). */
  faltantesPagos?: Faltante[];
}

/** Decimals used when the currency is not in the catalog: the common case (MXN, USD, EUR). */
const DEFAULT_DECIMALES = 2;
/** t_Importe allows at most 6 decimals. */
const MAX_DECIMALES = 6;
/** c_Impuesto. */
const IVA = '002';
const IEPS = '003';

export function completeComprobante(
  draft: ComprobanteDraft & { Fecha: string; LugarExpedicion: string; Emisor: Emisor },
  opts: CompleteOptions,
): Comprobante {
  const decimales = opts.monedaDecimales(draft.Moneda) ?? DEFAULT_DECIMALES;
  const tipo = draft.TipoDeComprobante;
  const sinImpuestos = tipo === 'T' || tipo === 'P'; // CFDI40201: no document Impuestos

  const conceptos = draft.Conceptos.map((c) => completeConcepto(c, decimales));

  let impuestos: Impuestos | undefined;
  if (draft.Impuestos) impuestos = completeDeclaredImpuestos(draft.Impuestos, conceptos, decimales);
  else if (!sinImpuestos) impuestos = computeImpuestos(conceptos, decimales);

  const zero = roundHalfUp('0', decimales);
  const SubTotal =
    draft.SubTotal ?? (sinImpuestos ? zero : roundHalfUp(sum(conceptos.map((c) => c.Importe)), decimales));

  let Descuento = draft.Descuento;
  if (Descuento === undefined && conceptos.some((c) => c.Descuento !== undefined)) {
    Descuento = roundHalfUp(sum(conceptos.flatMap((c) => (c.Descuento === undefined ? [] : [c.Descuento]))), decimales);
  }

  let Total = draft.Total;
  if (Total === undefined) {
    if (sinImpuestos) Total = zero;
    else {
      let t: Fixed = fixed(SubTotal);
      if (Descuento !== undefined) t = sub(t, Descuento);
      if (impuestos?.TotalImpuestosTrasladados !== undefined) t = add(t, impuestos.TotalImpuestosTrasladados);
      if (impuestos?.TotalImpuestosRetenidos !== undefined) t = sub(t, impuestos.TotalImpuestosRetenidos);
      Total = roundHalfUp(t, decimales);
    }
  }

  // Built field by field (no spread + delete): objects keep one fast shape, which the
  // writer and the cadena builder then read thousands of times per second.
  const out: Comprobante = {
    Version: '4.0',
    Serie: draft.Serie,
    Folio: draft.Folio,
    Fecha: draft.Fecha,
    Sello: draft.Sello,
    FormaPago: draft.FormaPago,
    NoCertificado: draft.NoCertificado,
    Certificado: draft.Certificado,
    CondicionesDePago: draft.CondicionesDePago,
    SubTotal,
    Descuento,
    Moneda: draft.Moneda,
    TipoCambio: draft.TipoCambio,
    Total,
    TipoDeComprobante: draft.TipoDeComprobante,
    Exportacion: draft.Exportacion,
    MetodoPago: draft.MetodoPago,
    LugarExpedicion: draft.LugarExpedicion,
    Confirmacion: draft.Confirmacion,
    InformacionGlobal: draft.InformacionGlobal,
    CfdiRelacionados: draft.CfdiRelacionados ?? [],
    Emisor: draft.Emisor,
    Receptor: draft.Receptor,
    Conceptos: conceptos,
    Impuestos: impuestos,
    Complemento: draft.Complemento,
    Addenda: draft.Addenda,
  };
  if (draft.Pagos) {
    // The complement goes in as the element every reader of a CFDI sees (cfdi/pagos/model.ts).
    const { pagos, faltantes } = completePagos(draft.Pagos, opts);
    opts.faltantesPagos?.push(...faltantes);
    const otros = (draft.Complemento?.otros ?? []).slice();
    otros.unshift(pagosElement(pagos));
    out.Complemento = { TimbreFiscalDigital: draft.Complemento?.TimbreFiscalDigital, otros };
  }
  return out;
}

function completeConcepto(c: ConceptoDraft, decimales: number): Concepto {
  // A declared concept Descuento with more decimals than the currency would make a
  // computed Importe break CFDI40168 (Descuento decimals ≤ Importe decimals).
  const importeDecimales = Math.min(
    MAX_DECIMALES,
    Math.max(decimales, c.Descuento !== undefined ? decimalsOf(c.Descuento) : 0),
  );
  const Importe = c.Importe ?? roundHalfUp(mul(c.Cantidad, c.ValorUnitario), importeDecimales);
  let impuestos: ConceptoImpuestos | undefined;
  if (c.Impuestos) {
    // Exact Importe − Descuento, written with the larger number of decimals of the two.
    const porImporte = c.Descuento === undefined ? Importe : format(sub(Importe, c.Descuento));
    // IEPS by Cuota is per unit: its base is the quantity (domain §2.5).
    const baseFor = (tipoFactor: string) => (tipoFactor === 'Cuota' ? c.Cantidad : porImporte);
    const traslado = (t: TrasladoConceptoDraft, Base: string): TrasladoConcepto => {
      if (t.TipoFactor === 'Exento') {
        return { Base, Impuesto: t.Impuesto, TipoFactor: t.TipoFactor, TasaOCuota: undefined, Importe: undefined };
      }
      const Importe =
        t.Importe ?? (t.TasaOCuota !== undefined ? roundHalfUp(mul(Base, t.TasaOCuota), decimales) : undefined);
      return { Base, Impuesto: t.Impuesto, TipoFactor: t.TipoFactor, TasaOCuota: t.TasaOCuota, Importe };
    };
    // The other traslados first: the IEPS is part of the value the IVA is charged on
    // (Ley del IVA arts. 12 and 18), so a computed IVA Base is Importe − Descuento + IEPS.
    const traslados = c.Impuestos.Traslados.map((t) => (t.Impuesto === IVA ? undefined : traslado(t, t.Base ?? baseFor(t.TipoFactor))));
    const ieps = traslados.flatMap((t) => (t?.Impuesto === IEPS && t.Importe !== undefined ? [t.Importe] : []));
    const baseIva = ieps.length === 0 ? porImporte : format(add(porImporte, sum(ieps)));
    impuestos = {
      Traslados: c.Impuestos.Traslados.map((t, k) => traslados[k] ?? traslado(t, t.Base ?? (t.TipoFactor === 'Cuota' ? c.Cantidad : baseIva))),
      Retenciones: c.Impuestos.Retenciones.map((r): RetencionConcepto => {
        // The IVA withheld is part of the IVA charged (art. 1-A): same base.
        const Base = r.Base ?? (r.Impuesto === IVA && r.TipoFactor !== 'Cuota' ? baseIva : baseFor(r.TipoFactor));
        const Importe = r.Importe ?? roundHalfUp(mul(Base, r.TasaOCuota), decimales);
        return { Base, Impuesto: r.Impuesto, TipoFactor: r.TipoFactor, TasaOCuota: r.TasaOCuota, Importe };
      }),
    };
  }
  return {
    ClaveProdServ: c.ClaveProdServ,
    NoIdentificacion: c.NoIdentificacion,
    Cantidad: c.Cantidad,
    ClaveUnidad: c.ClaveUnidad,
    Unidad: c.Unidad,
    Descripcion: c.Descripcion,
    ValorUnitario: c.ValorUnitario,
    Importe,
    Descuento: c.Descuento,
    ObjetoImp: c.ObjetoImp,
    Impuestos: impuestos,
    ACuentaTerceros: c.ACuentaTerceros,
    InformacionAduanera: c.InformacionAduanera ?? [],
    CuentaPredial: c.CuentaPredial ?? [],
    ComplementoConcepto: c.ComplementoConcepto,
    Parte: c.Parte ?? [],
  };
}

interface Group {
  Impuesto: string;
  TipoFactor: string;
  TasaOCuota?: string;
  bases: string[];
  importes: string[];
}

/** Canonical rate key: `0.16` and `0.160000` are the same group (CFDI40218). */
function rateKey(t: string | undefined): string {
  if (t === undefined) return '';
  try {
    const f = fixed(t);
    let v = f.v;
    let sc = f.s;
    while (sc > 0 && v % 10n === 0n) {
      v /= 10n;
      sc--;
    }
    return `${v}e-${sc}`;
  } catch {
    return t;
  }
}

function trasladoGroups(conceptos: Concepto[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const c of conceptos) {
    for (const t of c.Impuestos?.Traslados ?? []) {
      const key = `${t.Impuesto}|${t.TipoFactor}|${rateKey(t.TasaOCuota)}`;
      let g = groups.get(key);
      if (!g) {
        g = { Impuesto: t.Impuesto, TipoFactor: t.TipoFactor, TasaOCuota: t.TasaOCuota, bases: [], importes: [] };
        groups.set(key, g);
      }
      g.bases.push(t.Base);
      if (t.Importe !== undefined) g.importes.push(t.Importe);
    }
  }
  return groups;
}

function retencionGroups(conceptos: Concepto[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const c of conceptos) {
    for (const r of c.Impuestos?.Retenciones ?? []) {
      const g = groups.get(r.Impuesto);
      if (g) g.push(r.Importe);
      else groups.set(r.Impuesto, [r.Importe]);
    }
  }
  return groups;
}

function computeImpuestos(conceptos: Concepto[], decimales: number): Impuestos | undefined {
  const traslados = computeTraslados(conceptos, decimales);
  const retenciones = computeRetenciones(conceptos, decimales);
  if (traslados.length === 0 && retenciones.length === 0) return undefined;
  return withTotals({ Retenciones: retenciones, Traslados: traslados }, decimales);
}

/** One document Traslado row per (Impuesto, TipoFactor, TasaOCuota) group of the concepts. */
function computeTraslados(conceptos: Concepto[], decimales: number): TrasladoDocumento[] {
  const traslados: TrasladoDocumento[] = [];
  for (const g of trasladoGroups(conceptos).values()) {
    const exento = g.TipoFactor === 'Exento';
    traslados.push({
      Base: roundHalfUp(sum(g.bases), decimales),
      Impuesto: g.Impuesto,
      TipoFactor: g.TipoFactor,
      TasaOCuota: exento ? undefined : g.TasaOCuota,
      Importe: exento ? undefined : roundHalfUp(sum(g.importes), decimales),
    });
  }
  return traslados;
}

/** One document Retencion row per Impuesto withheld in the concepts. */
function computeRetenciones(conceptos: Concepto[], decimales: number): RetencionDocumento[] {
  const retenciones: RetencionDocumento[] = [];
  for (const [Impuesto, importes] of retencionGroups(conceptos)) {
    retenciones.push({ Impuesto, Importe: roundHalfUp(sum(importes), decimales) });
  }
  return retenciones;
}

/** Fills the totals that are missing: present only when there is something to total. */
function withTotals(i: Impuestos, decimales: number): Impuestos {
  if (i.TotalImpuestosRetenidos === undefined && i.Retenciones.length > 0) {
    i.TotalImpuestosRetenidos = roundHalfUp(sum(i.Retenciones.map((r) => r.Importe)), decimales);
  }
  const gravados = i.Traslados.filter((t) => t.TipoFactor !== 'Exento' && t.Importe !== undefined);
  if (i.TotalImpuestosTrasladados === undefined && gravados.length > 0) {
    i.TotalImpuestosTrasladados = roundHalfUp(sum(gravados.map((t) => t.Importe as string)), decimales);
  }
  return {
    TotalImpuestosRetenidos: i.TotalImpuestosRetenidos,
    TotalImpuestosTrasladados: i.TotalImpuestosTrasladados,
    Retenciones: i.Retenciones,
    Traslados: i.Traslados,
  };
}

/**
 * The client declared document taxes: keep every row and value, fill what is missing.
 * Rows of a kind the client did not send (no 06, or no 07, only the totals of 01) are
 * computed from the concepts, as when nothing is declared: an empty list would stamp a
 * declared total with no rows behind it (issue 10).
 */
function completeDeclaredImpuestos(d: ImpuestosDraft, conceptos: Concepto[], decimales: number): Impuestos {
  const tg = trasladoGroups(conceptos);
  const rg = retencionGroups(conceptos);
  const traslados: TrasladoDocumento[] = d.Traslados.length === 0 ? computeTraslados(conceptos, decimales) : d.Traslados.map((t) => {
    const g = tg.get(`${t.Impuesto}|${t.TipoFactor}|${rateKey(t.TasaOCuota)}`);
    const out: TrasladoDocumento = { ...t, Base: t.Base ?? roundHalfUp(sum(g?.bases ?? []), decimales) };
    if (out.Importe === undefined && t.TipoFactor !== 'Exento') out.Importe = roundHalfUp(sum(g?.importes ?? []), decimales);
    return out;
  });
  const retenciones: RetencionDocumento[] = d.Retenciones.length === 0 ? computeRetenciones(conceptos, decimales) : d.Retenciones.map((r) => ({
    ...r,
    Importe: r.Importe ?? roundHalfUp(sum(rg.get(r.Impuesto) ?? []), decimales),
  }));
  return withTotals(
    {
      TotalImpuestosRetenidos: d.TotalImpuestosRetenidos,
      TotalImpuestosTrasladados: d.TotalImpuestosTrasladados,
      Retenciones: retenciones,
      Traslados: traslados,
    },
    decimales,
  );
}
