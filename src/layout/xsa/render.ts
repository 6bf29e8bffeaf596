/**
 * The inverse of the parser: a draft (+ printed data) written as an xsa 4.0 document.
 * Used by the property tests (render → parse gives the same model), by the benchmark
 * to build documents of any size, and handy to convert json documents to the text
 * layout. Text values must not contain `|` or line breaks (the SAT forbids `|`).
 */
import type { ComprobanteDraft, RetencionConceptoDraft, TrasladoConceptoDraft } from '../../cfdi/draft.ts';
import type { DatosImpresos } from '../../cfdi/printed.ts';
import { Decimal } from 'decimal.js';

/** Syntax variants the parser must accept; all off gives the canonical form. */
export interface RenderStyle {
  /** `|05|…|` instead of `05|…|`. */
  leadingPipe?: boolean;
  /** Omit the trailing `|`. */
  noTrailingPipe?: boolean;
  crlf?: boolean;
  /** `YYYYMMDDThh:mm:ss`. */
  compactDates?: boolean;
  /** `IVA` instead of `002`. */
  taxNames?: boolean;
  /** Tasa rates as percentages (`16` for `0.160000`). */
  percentages?: boolean;
  /** 05C/05D right below their 05 without a concept key. */
  keylessTaxes?: boolean;
  /** Append the 99 trailer. */
  trailer?: boolean;
}

const NAMES: Record<string, string> = { '001': 'ISR', '002': 'IVA', '003': 'IEPS' };

export function renderXsa(draft: ComprobanteDraft, printed?: DatosImpresos, style: RenderStyle = {}): string {
  const lines: string[] = [];
  const put = (id: string, fields: Array<string | undefined>) => {
    let end = fields.length;
    while (style.noTrailingPipe && end > 0 && (fields[end - 1] ?? '') === '') end--;
    const body = [id, ...fields.slice(0, end).map((f) => f ?? '')].join('|');
    lines.push(`${style.leadingPipe ? '|' : ''}${body}${style.noTrailingPipe ? '' : '|'}`);
  };
  const fecha = (f?: string) => (f && style.compactDates ? f.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1$2$3') : f);
  const imp = (code: string) => (style.taxNames ? (NAMES[code] ?? code) : code);
  const rate = (r: string | undefined, tipoFactor: string) => {
    if (r === undefined || !style.percentages || tipoFactor !== 'Tasa') return r;
    const pct = new Decimal(r).times(100);
    // A rate of 1 % or less would read back as a fraction: keep those as written.
    return pct.greaterThan(1) ? pct.toFixed() : r;
  };

  const p = printed;
  put('00', [p?.referenciaCliente, p?.tipoCfd, '4.0']);
  const notas = p?.notas ?? [];
  put('01', [
    p?.idInterno,
    draft.Serie,
    draft.Folio,
    fecha(draft.Fecha),
    draft.SubTotal,
    draft.Total,
    draft.Impuestos?.TotalImpuestosTrasladados,
    draft.Impuestos?.TotalImpuestosRetenidos,
    draft.Descuento,
    p?.motivoDescuento,
    p?.totalConLetra,
    draft.Moneda,
    draft.TipoCambio,
    p?.referencia,
    notas[0],
    notas[1],
    notas[2],
    draft.TipoDeComprobante,
    draft.MetodoPago,
    draft.LugarExpedicion,
    draft.Confirmacion,
    draft.FormaPago,
    draft.CondicionesDePago,
    draft.Exportacion,
    draft.Emisor?.FacAtrAdquirente,
  ]);
  draft.CfdiRelacionados.forEach((g, i) => {
    put('02', [`G${i + 1}`, g.TipoRelacion]);
    for (const u of g.CfdiRelacionado) put('02A', [`G${i + 1}`, u.UUID]);
  });
  const r = draft.Receptor;
  const dom = p?.domicilioReceptor ?? {};
  put('03', [
    r.Rfc,
    r.Rfc,
    r.Nombre,
    dom.pais,
    dom.calle,
    dom.noExterior,
    dom.noInterior,
    dom.colonia,
    dom.localidad,
    dom.referencia,
    dom.municipio,
    dom.estado,
    r.DomicilioFiscalReceptor,
    r.ResidenciaFiscal,
    r.NumRegIdTrib,
    r.UsoCFDI,
    r.RegimenFiscalReceptor,
  ]);
  const tax = (id: string, key: string, t: TrasladoConceptoDraft | RetencionConceptoDraft) =>
    put(id, [style.keylessTaxes ? '' : key, t.Base, imp(t.Impuesto), t.TipoFactor, rate(t.TasaOCuota, t.TipoFactor), t.Importe]);
  draft.Conceptos.forEach((c, i) => {
    const key = `C${i + 1}`;
    put('05', [c.ClaveProdServ, c.NoIdentificacion, c.Cantidad, c.Descripcion, c.ValorUnitario, c.Importe, c.Unidad, c.ClaveUnidad, c.Descuento, key, c.ObjetoImp]);
    for (const t of c.Impuestos?.Traslados ?? []) tax('05C', key, t);
    for (const t of c.Impuestos?.Retenciones ?? []) tax('05D', key, t);
    for (const a of c.InformacionAduanera) put('05A', [key, a.NumeroPedimento]);
    for (const cp of c.CuentaPredial) put('05P', [key, cp.Numero]);
    const t = c.ACuentaTerceros;
    if (t) put('05T', [key, t.RfcACuentaTerceros, t.NombreACuentaTerceros, t.RegimenFiscalACuentaTerceros, t.DomicilioFiscalACuentaTerceros]);
  });
  for (const t of draft.Impuestos?.Traslados ?? []) put('06', [imp(t.Impuesto), rate(t.TasaOCuota, t.TipoFactor), t.Importe, t.TipoFactor, t.Base]);
  for (const t of draft.Impuestos?.Retenciones ?? []) put('07', [imp(t.Impuesto), t.Importe]);
  const g = draft.InformacionGlobal;
  if (g) put('08', [g.Periodicidad, g.Meses, g.Año]);
  const e = p?.envio;
  if (e) put('09', [e.receptor, e.direcciones.join(';'), e.asunto, e.mensaje, e.adjuntar ? '1' : '0']);
  if (style.trailer) put('99', [String(lines.length + 1)]);
  return lines.join(style.crlf ? '\r\n' : '\n');
}
