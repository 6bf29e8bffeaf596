/**
 * From what a document says to a ComprobanteDraft: every value a CFDI needs is taken,
 * in this order, from the document, from the empresa's directories (receptor by
 * identifier then RFC, producto by code), and from the tipo de CFD defaults. A value
 * still missing after that is a LAYOUT_SIN_VALOR error located where the client
 * would have written it.
 *
 * Shared by every connector; connectors only parse their syntax into a CfdiParcial.
 * Directory failures (database down) are not document errors: they reject, so the
 * job is retried.
 */
import type { CfdiRelacionados, InformacionAduanera, CuentaPredial, ACuentaTerceros } from '../cfdi/model.ts';
import type {
  ComprobanteDraft,
  ConceptoDraft,
  ImpuestosDraft,
  RetencionConceptoDraft,
  TrasladoConceptoDraft,
} from '../cfdi/draft.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';
import type { PagosDraft } from '../cfdi/pagos/draft.ts';
import type {
  ConnectorContext,
  ImpuestoPerfil,
  LayoutError,
  ProductoDirectorio,
  ReceptorDirectorio,
  TaxProfile,
} from './connector.ts';
import { layoutError, type Where } from './errors.ts';

export interface ReceptorParcial {
  /** Identifier in the empresa's directory (often the RFC). */
  clave?: string;
  Rfc?: string;
  Nombre?: string;
  DomicilioFiscalReceptor?: string;
  ResidenciaFiscal?: string;
  NumRegIdTrib?: string;
  RegimenFiscalReceptor?: string;
  UsoCFDI?: string;
}

export interface ConceptoParcial {
  /** Key for the product directory (NoIdentificacion, legacy product code). */
  codigo?: string;
  ClaveProdServ?: string;
  NoIdentificacion?: string;
  Cantidad: string;
  ClaveUnidad?: string;
  Unidad?: string;
  Descripcion?: string;
  ValorUnitario: string;
  Importe?: string;
  Descuento?: string;
  ObjetoImp?: string;
  /** Taxes the document gives for this concept (05C/05D); when any, no profile applies. */
  Traslados: TrasladoConceptoDraft[];
  Retenciones: RetencionConceptoDraft[];
  ACuentaTerceros?: ACuentaTerceros;
  InformacionAduanera: InformacionAduanera[];
  CuentaPredial: CuentaPredial[];
}

export interface CfdiParcial {
  Serie?: string;
  Folio?: string;
  Fecha?: string;
  FormaPago?: string;
  CondicionesDePago?: string;
  SubTotal?: string;
  Descuento?: string;
  Moneda?: string;
  TipoCambio?: string;
  Total?: string;
  TipoDeComprobante?: string;
  Exportacion?: string;
  MetodoPago?: string;
  Confirmacion?: string;
  FacAtrAdquirente?: string;
  InformacionGlobal?: { Periodicidad: string; Meses: string; Año: string };
  CfdiRelacionados: CfdiRelacionados[];
  Receptor: ReceptorParcial;
  Conceptos: ConceptoParcial[];
  Impuestos?: ImpuestosDraft;
  /**
   * Legacy documents: the rates of their 06 records become each taxable concept's
   * traslados, and the taxes named by 07 select the profile's retenciones. Absent
   * for version 4.0 and json, where concepts carry their own taxes or the profile.
   */
  documentTaxes?: { traslados: ImpuestoPerfil[]; retenidos: string[] };
  /** The Pagos 2.0 complement (records compPagos…, JSON `Pagos`): the document is a payment receipt. */
  Pagos?: PagosDraft;
}

/** Locates a draft path (`Receptor.UsoCFDI`, `Conceptos.3.ClaveUnidad`, `Moneda`) in the client's document. */
export type Locate = (path: string) => Where;

export interface Resolved {
  draft: ComprobanteDraft;
  errors: LayoutError[];
}

const NO_TAXES_FOR = new Set(['T', 'P']);

/**
 * The one concept of a payment receipt, fixed by the SAT (CRP20111–CRP20122): the
 * service writes it when the client sends none.
 */
export function conceptoPago(): ConceptoDraft {
  return { ClaveProdServ: '84111506', Cantidad: '1', ClaveUnidad: 'ACT', Descripcion: 'Pago', ValorUnitario: '0', Importe: '0', ObjetoImp: '01', InformacionAduanera: [], CuentaPredial: [], Parte: [] };
}

function perfilToTraslado(p: ImpuestoPerfil): TrasladoConceptoDraft {
  const t: TrasladoConceptoDraft = { Impuesto: p.Impuesto, TipoFactor: p.TipoFactor };
  if (p.TasaOCuota !== undefined) t.TasaOCuota = p.TasaOCuota;
  return t;
}

function perfilToRetencion(p: ImpuestoPerfil): RetencionConceptoDraft {
  return { Impuesto: p.Impuesto, TipoFactor: p.TipoFactor, TasaOCuota: p.TasaOCuota ?? '' };
}

/** The non-empty values, each once, in their first order. */
function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/** Each key looked up once per document; an empty key is not looked up. */
function once<T>(seen: Map<string, Promise<T | undefined>>, find: (k: string) => Promise<T | undefined>) {
  return (k: string | undefined): Promise<T | undefined> => {
    if (!k) return Promise.resolve(undefined);
    let hit = seen.get(k);
    if (!hit) seen.set(k, (hit = find(k)));
    return hit;
  };
}

export async function resolveDraft(
  p: CfdiParcial,
  printed: DatosImpresos,
  ctx: ConnectorContext,
  locate: Locate,
): Promise<Resolved> {
  const d = ctx.defaults;
  const errors: LayoutError[] = [];
  const missing = (path: string, what: string): string => {
    errors.push(layoutError('LAYOUT_SIN_VALOR', locate(path), `falta ${what} y no está en el documento, el directorio ni los valores del tipo de CFD`));
    return '';
  };

  // ── Directories ──
  // A directory that can look everything up at once is asked once, up front (one round
  // trip); the others key by key, each key once. The same answers either way.
  const r = p.Receptor;
  const receptores = new Map<string, Promise<ReceptorDirectorio | undefined>>();
  const productos = new Map<string, Promise<ProductoDirectorio | undefined>>();
  if (ctx.directory.lookUp) {
    const claves = distinct([r.clave, r.Rfc]);
    const codigos = distinct(p.Conceptos.map((c) => c.codigo));
    if (claves.length || codigos.length) {
      const found = await ctx.directory.lookUp({ receptores: claves, productos: codigos });
      for (const k of claves) receptores.set(k, Promise.resolve(found.receptores.get(k)));
      for (const c of codigos) productos.set(c, Promise.resolve(found.productos.get(c)));
    }
  }
  const receptorOf = once(receptores, (k) => ctx.directory.findReceptor(k));
  const producto = once(productos, (k) => ctx.directory.findProducto(k));

  // ── Receptor ──
  let dir: ReceptorDirectorio | undefined;
  if (r.clave) dir = await receptorOf(r.clave);
  if (!dir && r.Rfc && r.Rfc !== r.clave) dir = await receptorOf(r.Rfc);
  const receptor = {
    Rfc: r.Rfc ?? dir?.rfc ?? missing('Receptor.Rfc', 'el RFC del receptor'),
    Nombre: r.Nombre ?? dir?.nombre ?? missing('Receptor.Nombre', 'el Nombre del receptor'),
    DomicilioFiscalReceptor:
      r.DomicilioFiscalReceptor ?? dir?.domicilioFiscal ?? missing('Receptor.DomicilioFiscalReceptor', 'DomicilioFiscalReceptor'),
    RegimenFiscalReceptor:
      r.RegimenFiscalReceptor ?? dir?.regimenFiscal ?? d.RegimenFiscalReceptor ?? missing('Receptor.RegimenFiscalReceptor', 'RegimenFiscalReceptor'),
    // A payment receipt's UsoCFDI is CP01 (Anexo 20), whatever the receptor's usual one.
    UsoCFDI: r.UsoCFDI ?? (p.Pagos ? 'CP01' : undefined) ?? dir?.usoCfdi ?? d.UsoCFDI ?? missing('Receptor.UsoCFDI', 'UsoCFDI'),
  } as ComprobanteDraft['Receptor'];
  if (r.ResidenciaFiscal !== undefined) receptor.ResidenciaFiscal = r.ResidenciaFiscal;
  if (r.NumRegIdTrib !== undefined) receptor.NumRegIdTrib = r.NumRegIdTrib;
  if (printed.envio && printed.envio.direcciones.length === 0 && dir?.email) {
    printed.envio.direcciones = dir.email.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
  }

  // ── Comprobante ──
  // With the Pagos complement the document is a payment receipt: tipo P, Moneda XXX,
  // Exportacion 01 (CRP20101, CRP20104, CRP20102) unless the client says otherwise.
  const pago = p.Pagos !== undefined;
  const tipo = p.TipoDeComprobante ?? (pago ? 'P' : d.TipoDeComprobante);
  const paymentDefaults = !NO_TAXES_FOR.has(tipo);
  const draft: ComprobanteDraft = {
    Version: '4.0',
    Moneda: p.Moneda ?? (pago ? 'XXX' : d.Moneda ?? 'MXN'),
    TipoDeComprobante: tipo,
    Exportacion: p.Exportacion ?? (pago ? '01' : d.Exportacion),
    CfdiRelacionados: p.CfdiRelacionados,
    Receptor: receptor,
    Conceptos: [],
  };
  const copy = <K extends keyof ComprobanteDraft>(k: K, v: ComprobanteDraft[K] | undefined) => {
    if (v !== undefined) draft[k] = v;
  };
  copy('Serie', p.Serie);
  copy('Folio', p.Folio);
  copy('Fecha', p.Fecha);
  copy('FormaPago', p.FormaPago ?? (paymentDefaults ? d.FormaPago : undefined));
  copy('CondicionesDePago', p.CondicionesDePago);
  copy('SubTotal', p.SubTotal);
  copy('Descuento', p.Descuento);
  copy('TipoCambio', p.TipoCambio);
  copy('Total', p.Total);
  copy('MetodoPago', p.MetodoPago ?? (paymentDefaults ? d.MetodoPago : undefined));
  copy('Confirmacion', p.Confirmacion);
  copy('InformacionGlobal', p.InformacionGlobal);
  copy('Impuestos', p.Impuestos);
  copy('Pagos', p.Pagos);
  if (pago && p.Conceptos.length === 0) {
    draft.Conceptos.push(conceptoPago());
    printed.conceptos.push({});
  }
  // The service sets the Emisor; the client only says whether it acts for an acquirer.
  if (p.FacAtrAdquirente !== undefined) draft.Emisor = { FacAtrAdquirente: p.FacAtrAdquirente };

  // ── Conceptos ──
  const unidades = new Map(Object.entries(d.unidades).map(([k, v]) => [k.toUpperCase(), v]));

  for (let i = 0; i < p.Conceptos.length; i++) {
    const c = p.Conceptos[i];
    const prod = await producto(c.codigo);
    const unidad = c.Unidad ?? prod?.unidad;
    const at = `Conceptos.${i}.`;
    const concepto: ConceptoDraft = {
      ClaveProdServ: c.ClaveProdServ ?? prod?.claveProdServ ?? d.ClaveProdServ ?? missing(`${at}ClaveProdServ`, 'ClaveProdServ'),
      Cantidad: c.Cantidad,
      ClaveUnidad:
        c.ClaveUnidad ??
        prod?.claveUnidad ??
        (unidad !== undefined ? unidades.get(unidad.toUpperCase()) : undefined) ??
        d.ClaveUnidad ??
        missing(`${at}ClaveUnidad`, 'ClaveUnidad'),
      Descripcion: c.Descripcion ?? prod?.descripcion ?? missing(`${at}Descripcion`, 'Descripcion'),
      ValorUnitario: c.ValorUnitario,
      ObjetoImp: c.ObjetoImp ?? prod?.objetoImp ?? d.ObjetoImp ?? missing(`${at}ObjetoImp`, 'ObjetoImp'),
      InformacionAduanera: c.InformacionAduanera,
      CuentaPredial: c.CuentaPredial,
      Parte: [],
    };
    if (c.NoIdentificacion !== undefined) concepto.NoIdentificacion = c.NoIdentificacion;
    if (unidad !== undefined) concepto.Unidad = unidad;
    if (c.Importe !== undefined) concepto.Importe = c.Importe;
    if (c.Descuento !== undefined) concepto.Descuento = c.Descuento;
    if (c.ACuentaTerceros) concepto.ACuentaTerceros = c.ACuentaTerceros;

    let traslados = c.Traslados;
    let retenciones = c.Retenciones;
    if (traslados.length === 0 && retenciones.length === 0 && concepto.ObjetoImp === '02') {
      const profile: TaxProfile | undefined = prod?.taxProfile ?? d.taxProfile;
      if (p.documentTaxes) {
        // Legacy: the document's own 06 rates rule; 07 names which withholdings apply.
        traslados = p.documentTaxes.traslados.map(perfilToTraslado);
        const named = new Set(p.documentTaxes.retenidos);
        retenciones = (profile?.retenciones ?? []).filter((x) => named.has(x.Impuesto)).map(perfilToRetencion);
      } else if (profile) {
        traslados = profile.traslados.map(perfilToTraslado);
        retenciones = profile.retenciones.map(perfilToRetencion);
      }
    }
    if (traslados.length > 0 || retenciones.length > 0) concepto.Impuestos = { Traslados: traslados, Retenciones: retenciones };
    draft.Conceptos.push(concepto);
  }
  return { draft, errors };
}
