/**
 * The printable view of a stamped CFDI: every datum the SAT requires on the printed
 * representation (RMF 2.7.1.7, Anexo 20 QR) plus the client's printed-only data, already
 * as display text. Pure: same input, same output; no I/O, no clock. Templates lay this
 * out; they never read the Comprobante.
 */
import type { Comprobante, Concepto } from '../cfdi/model.ts';
import { cadenaTfd } from '../cfdi/cadena.ts';
import type { ConceptoImpreso, DomicilioImpreso } from '../cfdi/printed.ts';
import { verificationUrl } from '../cfdi/qr.ts';
import { importeConLetra } from '../cfdi/importe-con-letra.ts';
import { describe } from '../catalogs/index.ts';
import type { RenderInput } from './renderer.ts';
import { coded, groupThousands, percent } from './format.ts';
import { pagosView, type PagosView } from './pagos-view.ts';

export const LEYENDA_REPRESENTACION = 'Este documento es una representación impresa de un CFDI';

/** A catalog value: the code, its SAT description and both as one printable text. */
export interface Coded {
  code: string;
  description?: string;
  /** `"601 - General de Ley Personas Morales"`. */
  text: string;
}

export interface TaxLineView {
  kind: 'Traslado' | 'Retención';
  /** `IVA`, `ISR`, `IEPS` (c_Impuesto description) or the code. */
  impuesto: string;
  tipoFactor: string;
  /** `16%` for Tasa, the amount for Cuota, empty for Exento. */
  tasaOCuota: string;
  base?: string;
  importe?: string;
  /** One-line summary, e.g. `Traslado IVA 16% Base 1,000.00 Importe 160.00`. */
  text: string;
}

export interface ConceptoView {
  /** 1-based position in the Comprobante. */
  numero: number;
  claveProdServ: string;
  noIdentificacion?: string;
  cantidad: string;
  claveUnidad: string;
  unidad?: string;
  descripcion: string;
  valorUnitario: string;
  descuento?: string;
  importe: string;
  objetoImp: Coded;
  impuestos: TaxLineView[];
  /** Further lines under the description: pedimentos, predial, terceros, partes, printed data. */
  detalles: string[];
}

export interface InvoiceView {
  /** Heading for the document, from TipoDeComprobante (e.g. `Factura`). */
  titulo: string;
  serie?: string;
  folio?: string;
  /** `Serie-Folio`, or whichever is present; empty when neither is. */
  serieFolio: string;
  tipoDeComprobante: Coded;
  version: string;
  fecha: string;
  lugarExpedicion: string;
  exportacion: Coded;
  formaPago?: Coded;
  metodoPago?: Coded;
  condicionesDePago?: string;
  moneda: Coded;
  tipoCambio?: string;
  confirmacion?: string;
  emisor: {
    rfc: string;
    nombre: string;
    regimenFiscal: Coded;
    facAtrAdquirente?: string;
  };
  receptor: {
    rfc: string;
    nombre: string;
    domicilioFiscal: string;
    residenciaFiscal?: Coded;
    numRegIdTrib?: string;
    regimenFiscal: Coded;
    usoCFDI: Coded;
    /** Printed-only address lines (DatosImpresos.domicilioReceptor). */
    domicilio: string[];
  };
  informacionGlobal?: { periodicidad: Coded; meses: Coded; año: string };
  cfdiRelacionados: Array<{ tipoRelacion: Coded; uuids: string[] }>;
  conceptos: ConceptoView[];
  /** Document-level tax summary, one line per impuesto/factor/rate and per retención. */
  traslados: TaxLineView[];
  retenciones: TaxLineView[];
  totalImpuestosTrasladados?: string;
  totalImpuestosRetenidos?: string;
  subTotal: string;
  descuento?: string;
  total: string;
  totalConLetra: string;
  /** Names of other complements carried (e.g. `pago20:Pagos`). */
  complementos: string[];
  /** The Pagos 2.0 complement of a payment receipt, as printed lines. */
  pagos?: PagosView;
  timbre?: {
    uuid: string;
    fechaTimbrado: string;
    rfcProvCertif: string;
    noCertificadoSAT: string;
    selloCFD: string;
    selloSAT: string;
    leyenda?: string;
    /** Cadena original del complemento de certificación digital del SAT. */
    cadena: string;
  };
  noCertificado?: string;
  sello?: string;
  /** SAT verification URL encoded in the QR; undefined before stamping. */
  qrUrl?: string;
  leyendaRepresentacion: string;
  /** Banner of a cancelled CFDI, on every page. */
  cancelado?: string;
  /** Printed-only data from the client's layout. */
  impresos: {
    referenciaCliente?: string;
    referencia?: string;
    idInterno?: string;
    formaDePagoTexto?: string;
    metodoDePagoTexto?: string;
    fechaVencimiento?: string;
    motivoDescuento?: string;
    leyenda?: string;
    notas: string[];
  };
}

const TITULOS: Record<string, string> = {
  I: 'Factura',
  E: 'Nota de crédito',
  T: 'Traslado',
  N: 'Recibo de nómina',
  P: 'Recibo electrónico de pago',
};

/** Catalog values already described by this thread (frozen: views share them). */
const CODED = new Map<string, Coded>();

function cat(catalog: string, code: string): Coded {
  const key = `${catalog}|${code}`;
  let c = CODED.get(key);
  if (!c) {
    const description = describe(catalog, code);
    c = Object.freeze({ code, ...(description !== undefined && description !== code ? { description } : {}), text: coded(code, description) });
    if (CODED.size >= 4096) CODED.clear();
    CODED.set(key, c);
  }
  return c;
}

function optCat(catalog: string, code: string | undefined): Coded | undefined {
  return code === undefined ? undefined : cat(catalog, code);
}

function impuestoName(code: string): string {
  return describe('c_Impuesto', code) ?? code;
}

function taxLine(
  kind: TaxLineView['kind'],
  t: { Impuesto: string; TipoFactor?: string; TasaOCuota?: string; Base?: string; Importe?: string },
): TaxLineView {
  const impuesto = impuestoName(t.Impuesto);
  const tipoFactor = t.TipoFactor ?? '';
  const tasaOCuota = t.TasaOCuota === undefined ? '' : tipoFactor === 'Tasa' ? percent(t.TasaOCuota) : t.TasaOCuota;
  const base = t.Base === undefined ? undefined : groupThousands(t.Base);
  const importe = t.Importe === undefined ? undefined : groupThousands(t.Importe);
  const parts = [kind, impuesto];
  if (tipoFactor === 'Exento') parts.push('Exento');
  else if (tipoFactor === 'Cuota') parts.push(`Cuota ${tasaOCuota}`);
  else if (tasaOCuota) parts.push(tasaOCuota);
  if (base !== undefined) parts.push(`Base ${base}`);
  if (importe !== undefined) parts.push(`Importe ${importe}`);
  return {
    kind, impuesto, tipoFactor, tasaOCuota,
    ...(base !== undefined ? { base } : {}),
    ...(importe !== undefined ? { importe } : {}),
    text: parts.join(' '),
  };
}

function domicilioLines(d: DomicilioImpreso | undefined): string[] {
  if (!d) return [];
  const street = [d.calle, d.noExterior && `No. ${d.noExterior}`, d.noInterior && `Int. ${d.noInterior}`]
    .filter(Boolean).join(' ');
  const lines = [
    street,
    [d.colonia && `Col. ${d.colonia}`, d.localidad].filter(Boolean).join(', '),
    d.referencia ? `Referencia: ${d.referencia}` : '',
    [d.municipio, d.estado, d.codigoPostal && `C.P. ${d.codigoPostal}`, d.pais].filter(Boolean).join(', '),
    d.telefono ? `Tel. ${d.telefono}` : '',
  ];
  return lines.filter((l) => l !== '');
}

function conceptoView(c: Concepto, i: number, impreso: ConceptoImpreso | undefined): ConceptoView {
  const detalles: string[] = [];
  if (impreso?.codigoSecundario) detalles.push(`Código secundario: ${impreso.codigoSecundario}`);
  if (impreso?.categoria) detalles.push(`Categoría: ${impreso.categoria}`);
  if (impreso?.referencia) detalles.push(`Referencia: ${impreso.referencia}`);
  for (const a of c.InformacionAduanera) {
    const extra = [impreso?.aduana && `Aduana ${impreso.aduana}`, impreso?.fechaPedimento && `Fecha ${impreso.fechaPedimento}`]
      .filter(Boolean).join(', ');
    detalles.push(`Pedimento: ${a.NumeroPedimento}${extra ? ` (${extra})` : ''}`);
  }
  for (const p of c.CuentaPredial) detalles.push(`Cuenta predial: ${p.Numero}`);
  if (c.ACuentaTerceros) {
    const t = c.ACuentaTerceros;
    detalles.push(`A cuenta de terceros: ${t.RfcACuentaTerceros} ${t.NombreACuentaTerceros}, régimen ` +
      `${coded(t.RegimenFiscalACuentaTerceros, describe('c_RegimenFiscal', t.RegimenFiscalACuentaTerceros))}, ` +
      `C.P. ${t.DomicilioFiscalACuentaTerceros}`);
  }
  for (const p of c.Parte) {
    const amounts = [p.ValorUnitario && `V. unitario ${groupThousands(p.ValorUnitario)}`, p.Importe && `Importe ${groupThousands(p.Importe)}`]
      .filter(Boolean).join(', ');
    detalles.push(`Parte: ${p.Cantidad} ${p.Unidad ?? ''} ${p.ClaveProdServ}${p.NoIdentificacion ? ` ${p.NoIdentificacion}` : ''} ` +
      `${p.Descripcion}${amounts ? ` (${amounts})` : ''}`.replace(/\s+/g, ' '));
    for (const a of p.InformacionAduanera) detalles.push(`Pedimento (parte): ${a.NumeroPedimento}`);
  }
  for (const x of c.ComplementoConcepto ?? []) detalles.push(`Complemento del concepto: ${x.name}`);
  return {
    numero: i + 1,
    claveProdServ: c.ClaveProdServ,
    ...(c.NoIdentificacion !== undefined ? { noIdentificacion: c.NoIdentificacion } : {}),
    cantidad: c.Cantidad,
    claveUnidad: c.ClaveUnidad,
    ...(c.Unidad !== undefined ? { unidad: c.Unidad } : {}),
    descripcion: c.Descripcion,
    valorUnitario: groupThousands(c.ValorUnitario),
    ...(c.Descuento !== undefined ? { descuento: groupThousands(c.Descuento) } : {}),
    importe: groupThousands(c.Importe),
    objetoImp: cat('c_ObjetoImp', c.ObjetoImp),
    impuestos: [
      ...(c.Impuestos?.Traslados ?? []).map((t) => taxLine('Traslado', t)),
      ...(c.Impuestos?.Retenciones ?? []).map((t) => taxLine('Retención', t)),
    ],
    detalles,
  };
}

export function buildViewModel(input: RenderInput): InvoiceView {
  const c: Comprobante = input.comprobante;
  const p = input.printed;
  const tfd = c.Complemento?.TimbreFiscalDigital;
  const serieFolio = [c.Serie, c.Folio].filter((s) => s !== undefined && s !== '').join('-');
  const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };

  return {
    titulo: TITULOS[c.TipoDeComprobante] ?? 'Comprobante fiscal digital',
    ...opt('serie', c.Serie),
    ...opt('folio', c.Folio),
    serieFolio,
    tipoDeComprobante: cat('c_TipoDeComprobante', c.TipoDeComprobante),
    version: c.Version,
    fecha: c.Fecha,
    lugarExpedicion: c.LugarExpedicion,
    exportacion: cat('c_Exportacion', c.Exportacion),
    ...opt('formaPago', optCat('c_FormaPago', c.FormaPago)),
    ...opt('metodoPago', optCat('c_MetodoPago', c.MetodoPago)),
    ...opt('condicionesDePago', c.CondicionesDePago),
    moneda: cat('c_Moneda', c.Moneda),
    ...opt('tipoCambio', c.TipoCambio),
    ...opt('confirmacion', c.Confirmacion),
    emisor: {
      rfc: c.Emisor.Rfc,
      nombre: c.Emisor.Nombre,
      regimenFiscal: cat('c_RegimenFiscal', c.Emisor.RegimenFiscal),
      ...opt('facAtrAdquirente', c.Emisor.FacAtrAdquirente),
    },
    receptor: {
      rfc: c.Receptor.Rfc,
      nombre: c.Receptor.Nombre,
      domicilioFiscal: c.Receptor.DomicilioFiscalReceptor,
      ...opt('residenciaFiscal', optCat('c_Pais', c.Receptor.ResidenciaFiscal)),
      ...opt('numRegIdTrib', c.Receptor.NumRegIdTrib),
      regimenFiscal: cat('c_RegimenFiscal', c.Receptor.RegimenFiscalReceptor),
      usoCFDI: cat('c_UsoCFDI', c.Receptor.UsoCFDI),
      domicilio: domicilioLines(p.domicilioReceptor),
    },
    ...opt('informacionGlobal', c.InformacionGlobal && {
      periodicidad: cat('c_Periodicidad', c.InformacionGlobal.Periodicidad),
      meses: cat('c_Meses', c.InformacionGlobal.Meses),
      año: c.InformacionGlobal.Año,
    }),
    cfdiRelacionados: c.CfdiRelacionados.map((r) => ({
      tipoRelacion: cat('c_TipoRelacion', r.TipoRelacion),
      uuids: r.CfdiRelacionado.map((x) => x.UUID),
    })),
    conceptos: c.Conceptos.map((x, i) => conceptoView(x, i, p.conceptos[i])),
    traslados: (c.Impuestos?.Traslados ?? []).map((t) => taxLine('Traslado', t)),
    retenciones: (c.Impuestos?.Retenciones ?? []).map((t) => taxLine('Retención', t)),
    ...opt('totalImpuestosTrasladados', c.Impuestos?.TotalImpuestosTrasladados && groupThousands(c.Impuestos.TotalImpuestosTrasladados)),
    ...opt('totalImpuestosRetenidos', c.Impuestos?.TotalImpuestosRetenidos && groupThousands(c.Impuestos.TotalImpuestosRetenidos)),
    subTotal: groupThousands(c.SubTotal),
    ...opt('descuento', c.Descuento && groupThousands(c.Descuento)),
    total: groupThousands(c.Total),
    totalConLetra: p.totalConLetra ?? importeConLetra(c.Total, c.Moneda),
    complementos: (c.Complemento?.otros ?? []).map((x) => x.name),
    ...opt('pagos', pagosView(c)),
    ...opt('timbre', tfd && {
      uuid: tfd.UUID,
      fechaTimbrado: tfd.FechaTimbrado,
      rfcProvCertif: tfd.RfcProvCertif,
      noCertificadoSAT: tfd.NoCertificadoSAT,
      selloCFD: tfd.SelloCFD,
      selloSAT: tfd.SelloSAT,
      ...opt('leyenda', tfd.Leyenda),
      cadena: cadenaTfd(tfd),
    }),
    ...opt('noCertificado', c.NoCertificado),
    ...opt('sello', c.Sello),
    ...opt('qrUrl', tfd && verificationUrl({
      uuid: tfd.UUID,
      rfcEmisor: c.Emisor.Rfc,
      rfcReceptor: c.Receptor.Rfc,
      total: c.Total,
      sello: c.Sello ?? tfd.SelloCFD,
    })),
    leyendaRepresentacion: LEYENDA_REPRESENTACION,
    ...opt('cancelado', input.cancelacion && `CFDI CANCELADO ANTE EL SAT EL ${input.cancelacion.fecha.replace('T', ' ')}`),
    impresos: {
      ...opt('referenciaCliente', p.referenciaCliente),
      ...opt('referencia', p.referencia),
      ...opt('idInterno', p.idInterno),
      ...opt('formaDePagoTexto', p.formaDePagoTexto),
      ...opt('metodoDePagoTexto', p.metodoDePagoTexto),
      ...opt('fechaVencimiento', p.fechaVencimiento),
      ...opt('motivoDescuento', p.motivoDescuento),
      ...opt('leyenda', p.leyenda),
      notas: [...p.notas],
    },
  };
}
