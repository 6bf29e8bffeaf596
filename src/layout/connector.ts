/**
 * The connector port: a client's `archivoFuente` in, a CFDI draft out (or every
 * error of the document at once). Connectors are pure apart from the directory
 * lookups they are handed; they never throw on bad input.
 */
import type { ComprobanteDraft } from '../cfdi/draft.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';

/** A tax applied by default (tipo de CFD or product profile). */
export interface ImpuestoPerfil {
  Impuesto: string;
  TipoFactor: string;
  /** Absent for Exento. */
  TasaOCuota?: string;
}

export interface TaxProfile {
  traslados: ImpuestoPerfil[];
  retenciones: ImpuestoPerfil[];
}

/** Defaults configured per tipo de CFD; used when neither the document nor a directory gives a value. */
export interface TipoDefaults {
  TipoDeComprobante: string;
  Exportacion: string;
  UsoCFDI?: string;
  RegimenFiscalReceptor?: string;
  MetodoPago?: string;
  FormaPago?: string;
  ClaveProdServ?: string;
  ClaveUnidad?: string;
  ObjetoImp?: string;
  Moneda?: string;
  /** Applied to concepts with ObjetoImp 02 that bring no taxes of their own. */
  taxProfile?: TaxProfile;
  /** Unidad (as clients write it) → ClaveUnidad, e.g. `PZA` → `H87`. */
  unidades: Record<string, string>;
}

export interface ReceptorDirectorio {
  clave: string;
  rfc: string;
  nombre?: string;
  regimenFiscal?: string;
  domicilioFiscal?: string;
  usoCfdi?: string;
  email?: string;
}

export interface ProductoDirectorio {
  codigo: string;
  claveProdServ?: string;
  claveUnidad?: string;
  unidad?: string;
  objetoImp?: string;
  taxProfile?: TaxProfile;
  descripcion?: string;
}

/** The empresa's directories, looked up by the receptor's identifier or RFC and by product code. */
export interface DirectoryLookup {
  findReceptor(claveORfc: string): Promise<ReceptorDirectorio | undefined>;
  findProducto(codigo: string): Promise<ProductoDirectorio | undefined>;
  /**
   * Everything a document may ask, in one look (one query instead of one per receptor key
   * and one for the products). Each receptor key maps to what `findReceptor` would return
   * for it; keys and codes not found are absent.
   */
  lookUp?(q: DirectorioConsulta): Promise<DirectorioEncontrado>;
}

/** The receptor keys (clave or RFC) and product codes a document refers to. */
export interface DirectorioConsulta {
  receptores: string[];
  productos: string[];
}

export interface DirectorioEncontrado {
  receptores: Map<string, ReceptorDirectorio>;
  productos: Map<string, ProductoDirectorio>;
}

export type LayoutVersion = 'auto' | '4.0' | 'legacy';

export interface ConnectorContext {
  /** `auto` reads it from record 00. */
  version: LayoutVersion;
  defaults: TipoDefaults;
  directory: DirectoryLookup;
}

/** One problem of the document, in the client's terms. */
export interface LayoutError {
  /** Our registry code (see `shared/errors.ts`). */
  code: string;
  /** 1-based line of the document; absent for document-wide problems. */
  line?: number;
  record?: string;
  /** 1-based field position and its name. */
  field?: number;
  fieldName?: string;
  value?: string;
  /** Complete Spanish message, e.g. `Línea 4 (05), campo 3 Cantidad: "dos" no es un número`. */
  message: string;
}

export type ParseResult =
  | { ok: true; draft: ComprobanteDraft; printed: DatosImpresos }
  | { ok: false; errors: LayoutError[] };

export interface Connector {
  /** Registry name, e.g. `xsa`, `json`. */
  readonly name: string;
  parse(archivoFuente: string, ctx: ConnectorContext): Promise<ParseResult>;
}
