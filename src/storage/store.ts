/**
 * The storage port. `invoicing/` talks to this interface only; `storage/sqlite` and
 * `storage/postgres` implement it and are checked by one contract suite
 * (`test/contract/storage.contract.test.ts`).
 *
 * Invariants every adapter keeps (the crash-safety of the pipeline rests on them):
 * - `createPeticion` writes the request and its queue job in ONE transaction, durable
 *   (it survives a power loss) before it returns.
 * - `assignFolio` is idempotent per peticion and never hands out a folio twice, even
 *   under concurrent callers in several processes; a Serie-Folio is held by one peticion
 *   of an empresa (table `series_folios`, issue 10), whether the tipo or the client chose it.
 * - `saveSealed` keeps the first sealed XML of a peticion: a second call returns the
 *   stored one, so a retried job never seals (and never stamps) a different XML. It is
 *   durable before it returns, together with the folio assigned before it.
 * - `saveStamped` is idempotent per peticion: it returns the existing CFDI when called again.
 * Secrets (CSD key and password) arrive already encrypted; storage never sees them in clear.
 */
import type { DatosImpresos } from '../cfdi/printed.ts';
import type {
  DirectorioConsulta,
  DirectorioEncontrado,
  LayoutVersion,
  ProductoDirectorio,
  ReceptorDirectorio,
  TipoDefaults,
} from '../layout/connector.ts';

export interface Empresa {
  id: number;
  /** Public tenant key used in URLs (a UUID). */
  key: string;
  rfc: string;
  nombre: string;
  regimenFiscal: string;
  createdAt: string;
  /** PDF branding; optional. */
  logo?: Buffer;
  color?: string;
  template?: string;
}

export interface NewEmpresa {
  key: string;
  rfc: string;
  nombre: string;
  regimenFiscal: string;
}

export interface CsdRecord {
  empresaId: number;
  noCertificado: string;
  /** DER certificate (public). */
  cer: Buffer;
  /** Encrypted at rest by the caller (AES-256-GCM with the server secret). */
  keyEncrypted: Buffer;
  passwordEncrypted: Buffer;
  /** ISO 8601 UTC. */
  validFrom: string;
  validTo: string;
}

export interface Sucursal {
  id: number;
  empresaId: number;
  nombre: string;
  /** LugarExpedicion. */
  codigoPostal: string;
  /** Printed address (free text). */
  domicilio?: string;
}

export type NewSucursal = Omit<Sucursal, 'id'>;

export interface TipoCfd {
  id: number;
  empresaId: number;
  /** Label clients write in record 00, e.g. `FAC`. */
  codigo: string;
  nombre: string;
  serie?: string;
  nextFolio: number;
  connector: string;
  layoutVersion: LayoutVersion;
  defaults: TipoDefaults;
  /** PDF template and colour for this tipo (override the empresa's). */
  template?: string;
  color?: string;
}

export type NewTipoCfd = Omit<TipoCfd, 'id'>;

/**
 * Where a request is in the pipeline. Each stage is persisted before the next
 * irreversible step starts.
 * queued → sealed (folio assigned, sealed XML stored) → stamped (CFDI stored) → done (PDF stored)
 * and error from queued (layout, rule or sealing errors) or when retries are exhausted.
 */
export type PeticionStage = 'queued' | 'sealed' | 'stamped' | 'done' | 'error';

export interface Peticion {
  id: number;
  empresaId: number;
  tipoId: number;
  sucursalId: number;
  archivoFuente: string;
  stage: PeticionStage;
  /** Client-facing error texts, in the seed's shape, when stage is `error`. */
  errors?: string[];
  /** Client-facing notices: warnings and rules that could not be checked (written by saveSealed or failPeticion). */
  advertencias?: string[];
  createdAt: string;
  expiresAt: string;
  serie?: string;
  folio?: string;
  sealedXml?: string;
  printed?: DatosImpresos;
  cfdiId?: number;
  uuid?: string;
  /**
   * Whether the empresa had an active webhook or the tipo e-mail copies when the peticion
   * was accepted; undefined for peticiones accepted before the column existed.
   */
  suscripciones?: boolean;
}

/** A peticion as its GET reports it (no document text, no XML). */
export type EstadoPeticion = Pick<Peticion, 'id' | 'empresaId' | 'stage' | 'errors' | 'advertencias' | 'expiresAt' | 'cfdiId' | 'uuid'>;

export interface DestinoPeticion {
  empresa: Empresa;
  tipo: boolean;
  sucursal: boolean;
}

export interface ConsultaPeticion {
  empresa: Pick<Empresa, 'id' | 'key'>;
  peticion?: EstadoPeticion;
  /** The stamped CFDI (stage stamped or done). */
  cfdi?: CfdiRecord;
  /** A done income invoice with MetodoPago PPD: its GET says what is left to pay. */
  ppd: boolean;
  /** The done CFDI has e-mail deliveries (notifications' outbox): only then its GET lists them. */
  tieneCorreos: boolean;
}

export interface NewPeticion {
  empresaId: number;
  tipoId: number;
  sucursalId: number;
  archivoFuente: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * What `createPeticionForKey` did: the new peticion's id, or, with nothing written, the
 * first of the key's empresa, the tipo and the sucursal (in that order) that was missing
 * or was another empresa's.
 */
export type PeticionForKey = { peticionId: number } | { faltante: 'empresa' | 'tipo' | 'sucursal' };

/** Searchable data of a stamped CFDI, extracted once at stamping time. */
export interface CfdiMeta {
  uuid: string;
  serie?: string;
  folio?: string;
  /** Comprobante@Fecha as written. */
  fecha: string;
  fechaTimbrado: string;
  rfcEmisor: string;
  rfcReceptor: string;
  nombreReceptor: string;
  moneda: string;
  tipoCambio?: string;
  subTotal: string;
  descuento?: string;
  total: string;
  /** Total IVA trasladado, when any. */
  iva?: string;
  tipoDeComprobante: string;
  produccion: boolean;
  pedimento?: string;
  fechaPedimento?: string;
  aduana?: string;
}

export interface CfdiRecord extends CfdiMeta {
  id: number;
  empresaId: number;
  sucursalId: number;
  tipoId: number;
  peticionId: number;
  hasPdf: boolean;
  fechaCancelacion?: string;
  /** Cancellation (issue 12): the GET's `status` when not ALMACENADO (storage/cancelaciones.ts). */
  estadoCancelacion?: 'CANCELACION_EN_PROCESO' | 'CANCELADO' | 'CANCELACION_RECHAZADA';
}

export interface CfdiFilter {
  empresaId: number;
  /** Inclusive bounds on Comprobante@Fecha, `YYYY-MM-DD` or full timestamp. */
  fechaInicial?: string;
  fechaFinal?: string;
  serie?: string;
  folioInicial?: number;
  folioFinal?: number;
  produccion?: boolean;
  /** Keyset pagination: only ids greater than this. */
  afterId?: number;
  limit: number;
  /** Page-number pagination (descargasCfdi, issue 14): rows skipped, in id order. */
  offset?: number;
}

export interface CatalogImportMeta {
  catalog: string;
  rows: number;
  source: string;
  importedAt: string;
}

/** One row of a large SAT catalog: its key and the remaining columns. */
export interface CatalogRow {
  key: string;
  vigenciaDesde?: string;
  vigenciaHasta?: string;
  data: Record<string, string>;
}

export interface Store {
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Tenants
  createEmpresa(e: NewEmpresa): Promise<Empresa>;
  getEmpresa(id: number): Promise<Empresa | undefined>;
  /** Without the logo: the API looks an empresa up by key on every request; renderers use getEmpresa. */
  getEmpresaByKey(key: string): Promise<Empresa | undefined>;
  getEmpresaByRfc(rfc: string): Promise<Empresa | undefined>;
  listEmpresas(): Promise<Empresa[]>;
  updateEmpresaBranding(id: number, b: { logo?: Buffer | null; color?: string | null; template?: string | null }): Promise<void>;
  // keyEmpresa rotation (issue 16)
  /** Replaces the empresa's keyEmpresa; the old one stops answering at once. Rejects a key in use. */
  setEmpresaKey(id: number, key: string): Promise<void>;

  saveCsd(c: CsdRecord): Promise<void>;
  /** The most recently imported CSD of the empresa. */
  getCsd(empresaId: number): Promise<CsdRecord | undefined>;

  createSucursal(s: NewSucursal): Promise<Sucursal>;
  getSucursal(id: number): Promise<Sucursal | undefined>;
  listSucursales(empresaId: number): Promise<Sucursal[]>;

  createTipo(t: NewTipoCfd): Promise<TipoCfd>;
  getTipo(id: number): Promise<TipoCfd | undefined>;
  listTipos(empresaId: number): Promise<TipoCfd[]>;
  updateTipo(id: number, patch: Partial<Omit<TipoCfd, 'id' | 'empresaId' | 'nextFolio'>>): Promise<void>;

  // Requests and their jobs
  /** Inserts the peticion and its queue job in one transaction and wakes waiting workers; returns the peticion id. */
  createPeticion(p: NewPeticion): Promise<number>;
  getPeticion(id: number): Promise<Peticion | undefined>;
  /**
   * What GET /{keyEmpresa}/cfdis/{idPeticion} needs, in one read (clients poll it): undefined
   * when no empresa has the key; else the empresa and, when the peticion is that empresa's,
   * where it stands and its CFDI once stamped.
   */
  consultarPeticion(keyEmpresa: string, peticionId: number): Promise<ConsultaPeticion | undefined>;
  /**
   * What a PUT needs before accepting a request, in one read: undefined when no empresa has
   * the key; else the empresa (without its logo) and whether the tipo and the sucursal named
   * (0: none) are that empresa's.
   */
  destinoPeticion(keyEmpresa: string, tipoId: number, sucursalId: number): Promise<DestinoPeticion | undefined>;
  /**
   * `createPeticion` for a PUT, in one round trip where the backend has them (issue 17):
   * the peticion, its job and the wake-up are written only when `keyEmpresa` names an
   * empresa and the tipo and the sucursal (0: none) are that empresa's; otherwise nothing
   * is written and the answer names what was missing. Durable before it returns, like
   * createPeticion.
   */
  createPeticionForKey(keyEmpresa: string, p: Omit<NewPeticion, 'empresaId'>): Promise<PeticionForKey>;
  /**
   * Idempotent: returns the folio already assigned, or assigns one atomically. The
   * document's own Serie/Folio (`given`, issue 10) are used as given; a missing Serie is
   * the tipo's, a missing Folio the tipo's next free one (the counter skips folios taken).
   * A Serie-Folio is held once per empresa: taken already, it fails with
   * GEN_FOLIO_DUPLICADO naming the earlier CFDI's UUID, and the counter is untouched.
   */
  assignFolio(peticionId: number, given?: { serie?: string; folio?: string }): Promise<{ serie?: string; folio: string }>;
  /**
   * Frees the Serie-Folio of a peticion the PAC refused for good (issue 10), so the client
   * may send the corrected document with it; a no-op once the peticion has a CFDI.
   */
  releaseFolio(peticionId: number): Promise<void>;
  /**
   * Keeps the first sealed XML: returns what is stored after the call. `advertencias`, when
   * given, are the notices of the SAT validation (warnings, rules not checked and why) that
   * the GET shows beside the CFDI or the errors, recorded in the same write; they replace
   * earlier ones (a retried job validates again) and [] clears them.
   */
  saveSealed(peticionId: number, sealedXml: string, printed: DatosImpresos, advertencias?: string[]): Promise<string>;
  /**
   * Stores the stamped CFDI and moves the peticion to `stamped`; idempotent. Returns the CFDI id.
   * With `pdf`, the PDF is stored in the same write and the peticion goes straight to `done`
   * (one write instead of two per CFDI; savePdf then is for a resumed or failed render).
   */
  saveStamped(peticionId: number, xml: string, meta: CfdiMeta, pdf?: Buffer): Promise<number>;
  /**
   * Stores the PDF and moves the peticion to `done`. `null` finishes it without a PDF
   * (rendering failed for good): the stamped CFDI is valid and is served with tienePDF "false".
   */
  savePdf(peticionId: number, pdf: Buffer | null): Promise<void>;
  /** Final error: the peticion will not be processed again. `advertencias` as in saveSealed. */
  failPeticion(peticionId: number, errors: string[], advertencias?: string[]): Promise<void>;
  /** Deletes peticiones (and their finished jobs) whose expiresAt < now; CFDIs are kept. */
  purgeExpired(now: string): Promise<number>;

  // Stamped CFDIs
  getCfdi(id: number): Promise<CfdiRecord | undefined>;
  getCfdiByUuid(empresaId: number, uuid: string): Promise<CfdiRecord | undefined>;
  listCfdis(f: CfdiFilter): Promise<CfdiRecord[]>;
  getCfdiXml(id: number): Promise<string | undefined>;
  getCfdiPdf(id: number): Promise<Buffer | undefined>;
  getCfdiPrinted(id: number): Promise<DatosImpresos | undefined>;

  // Directories
  upsertReceptores(empresaId: number, rows: ReceptorDirectorio[]): Promise<number>;
  findReceptor(empresaId: number, claveORfc: string): Promise<ReceptorDirectorio | undefined>;
  listReceptores(empresaId: number, limit: number, offset: number): Promise<ReceptorDirectorio[]>;
  upsertProductos(empresaId: number, rows: ProductoDirectorio[]): Promise<number>;
  findProducto(empresaId: number, codigo: string): Promise<ProductoDirectorio | undefined>;
  /**
   * A document's directory reads in one query: for each receptor key what findReceptor
   * returns for it, and the products of these codes; what is not found is absent.
   */
  findDirectorio(empresaId: number, q: DirectorioConsulta): Promise<DirectorioEncontrado>;
  listProductos(empresaId: number, limit: number, offset: number): Promise<ProductoDirectorio[]>;

  // Large SAT catalogs
  /** Replaces a whole catalog in one transaction; rows arrive in batches. Returns the row count. */
  replaceCatalog(catalog: string, rows: AsyncIterable<CatalogRow[]> | Iterable<CatalogRow[]>, source: string): Promise<number>;
  catalogStatus(): Promise<CatalogImportMeta[]>;
  lookupCatalog(catalog: string, keys: string[]): Promise<Map<string, CatalogRow>>;

  // Small key/value metadata (demo tenant ids, schema facts)
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Stores the value only when the key is absent; returns whatever is stored afterwards (first writer wins). */
  setMetaIfAbsent(key: string, value: string): Promise<string>;


  // ── Idempotent submission (issue 14) ──
  /**
   * `createPeticion` under an Idempotency-Key, race-safe across connections and processes:
   * when a claim on (empresaId, clave) made at or after `vigenteDesde` exists, nothing is
   * written and that claim's peticion and huella come back (`nueva` false); otherwise the
   * peticion, its job and the claim (replacing an older one) are written in one durable
   * transaction. Two concurrent callers with one key get one peticion.
   */
  createPeticionIdempotent(p: NewPeticion, k: ClaveIdempotencia): Promise<{ peticionId: number; huella: string; nueva: boolean }>;
}

/** An Idempotency-Key with the fingerprint of the body it was first sent with. */
export interface ClaveIdempotencia {
  clave: string;
  huella: string;
  /** ISO 8601 instant: claims made before it no longer hold the key. */
  vigenteDesde: string;
}
