/**
 * The pipeline of one peticion, resumable at every stage:
 *
 *   queued ── parse → complete → SAT rules → folio → seal ──► sealed   (sealed XML persisted)
 *   sealed ── stamp → render PDF ────────────────────────────► done     (stamped XML + PDF persisted: ALMACENADO)
 *                  └─ (the PDF failed) ──────────────────────► stamped  (stamped XML persisted)
 *   stamped ─ render PDF ────────────────────────────────────► done
 *
 * Each step is persisted before the next irreversible one starts, so a crash anywhere
 * resumes from the last persisted stage: the folio is assigned once per peticion, the
 * first sealed XML is the only one ever stamped, and stamping it again returns the
 * same TFD (which is why the stamp may wait for its PDF and share its write). Document
 * errors end the peticion in `error` with client-facing texts; anything else is thrown
 * for the worker to retry with backoff.
 */
import type { InvoicingDeps } from './deps.ts';
import type { PeticionTerminada } from './notifier.ts';
import type { Peticion, CfdiMeta, Empresa, Sucursal, TipoCfd } from '../storage/store.ts';
import type { Comprobante } from '../cfdi/model.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';
import type { Csd } from '../sealing/csd.ts';
import { getConnector } from '../layout/registry.ts';
import { completeComprobante } from '../cfdi/amounts/complete.ts';
import { writeComprobante } from '../cfdi/xml/write.ts';
import { findUnwritable, unwritableProblem } from '../cfdi/xml/chars.ts';
import { quoteValue } from '../shared/text.ts';
import { readComprobante } from '../cfdi/xml/read.ts';
import { validateComprobante, clientErrors } from '../rules/validate.ts';
import { clientNotices } from '../rules/catalog-coverage.ts';
import { checkEmision } from '../rules/emision.ts';
import { directoryRegistry } from '../rules/registry.ts';
import { monedaDecimales } from '../catalogs/index.ts';
import { sealComprobante } from '../sealing/seal.ts';
import { checkCsdFor } from '../sealing/csd.ts';
import { StampError } from '../stamping/stamper.ts';
import { AppError, formatGenerationError } from '../shared/errors.ts';
import { localFecha, timeZoneOfCodigoPostal } from '../cfdi/fecha.ts';
import { createHash } from 'node:crypto';
import { openCsd } from './tenants.ts';
import { format, sum } from '../cfdi/amounts/decimal.ts';
import type { Faltante } from '../cfdi/pagos/complete.ts';
import { aplicacionesFinales, prepararPagos, type PagosPreparados } from './pagos.ts';
import type { Aplicacion } from '../storage/pagos.ts';

/** Per-worker caches of what is costly to load and rarely changes. */
export interface ProcessCaches {
  /** empresaId → the CSD loaded for sealing (decrypting a key costs ~1.6 ms). */
  csd: Map<number, { noCertificado: string; csd: Csd }>;
  /**
   * Tenant rows and the catalog status, kept briefly: every job needs them and they
   * rarely change (saves several database round trips per job).
   */
  recent: Map<string, { at: number; value: unknown }>;
  /** How long `recent` entries are reused; an operator's change shows within this. */
  ttlMs: number;
}

export function newCaches(ttlMs = 5_000): ProcessCaches {
  return { csd: new Map(), recent: new Map(), ttlMs };
}

async function remember<T>(caches: ProcessCaches, key: string, load: () => Promise<T>): Promise<T> {
  const hit = caches.recent.get(key);
  const now = Date.now();
  if (hit && now - hit.at < caches.ttlMs) return hit.value as T;
  const value = await load();
  caches.recent.set(key, { at: now, value });
  return value;
}

/** Outcome for the worker's logs and tests. */
export type ProcessOutcome = 'done' | 'error' | 'skipped';

interface Tenant {
  empresa: Empresa;
  tipo: TipoCfd;
  sucursal: Sucursal;
}

/**
 * Each stage hands its result to the next in memory; the database is read back only
 * when a job resumes at a later stage (after a crash or a retry). `claimed`: the
 * peticion as the claim of its job read it (`Job.subject`), which spares that read.
 */
export async function processPeticion(d: InvoicingDeps, caches: ProcessCaches, peticionId: number, out?: Terminada, claimed?: Peticion): Promise<ProcessOutcome> {
  const p = claimed ?? (await d.store.getPeticion(peticionId));
  if (!p || p.stage === 'done' || p.stage === 'error') return 'skipped';
  const tenant = await tenantOf(d, caches, p);
  let sealed = p.stage === 'sealed' ? { xml: p.sealedXml!, printed: p.printed } : undefined;
  if (p.stage === 'queued') {
    const r = await buildAndSeal(d, caches, p, tenant);
    if ('errors' in r) {
      await d.store.failPeticion(p.id, r.errors, r.advertencias);
      return terminada(out, p, 'error');
    }
    sealed = r;
  }
  if (sealed) {
    const r = await stamp(d, p, sealed.xml, sealed.printed);
    if ('errors' in r) {
      await d.store.failPeticion(p.id, r.errors);
      return terminada(out, p, 'error');
    }
    let pdf: Buffer;
    try {
      pdf = await renderPdf(d, tenant, r, sealed.printed);
    } catch (e) {
      // The stamp is kept whatever happens to its PDF: stored now, the PDF retried alone.
      await d.store.saveStamped(p.id, r.xml, r.meta);
      throw e;
    }
    // The stamp and its PDF in one write. A crash before it loses nothing: the retry sends
    // the same sealed XML under the same key, and the PAC answers with the same stamp.
    await d.store.saveStamped(p.id, r.xml, r.meta, pdf);
    return terminada(out, p, 'done', sealed.printed);
  }
  await d.store.savePdf(p.id, await renderPdf(d, tenant, await storedCfdi(d, p), p.printed));
  return terminada(out, p, 'done', p.printed);
}

/** Filled by `processPeticion` when it ends the peticion: the worker hands it to the notifier. */
export interface Terminada {
  peticion?: PeticionTerminada;
}

function terminada(out: Terminada | undefined, p: Peticion, stage: 'done' | 'error', printed?: DatosImpresos): ProcessOutcome {
  if (out) out.peticion = { id: p.id, empresaId: p.empresaId, tipoId: p.tipoId, stage, printed, suscripciones: p.suscripciones };
  return stage;
}

async function tenantOf(d: InvoicingDeps, caches: ProcessCaches, p: Peticion): Promise<Tenant> {
  const [empresa, tipo, sucursal] = await Promise.all([
    remember(caches, `empresa:${p.empresaId}`, () => d.store.getEmpresa(p.empresaId)),
    remember(caches, `tipo:${p.tipoId}`, () => d.store.getTipo(p.tipoId)),
    remember(caches, `sucursal:${p.sucursalId}`, () => d.store.getSucursal(p.sucursalId)),
  ]);
  if (!empresa || !tipo || !sucursal) throw new Error(`peticion ${p.id} refers to a missing empresa, tipo or sucursal`);
  return { empresa, tipo, sucursal };
}

/** Builds, validates and seals; returns client-facing errors when the document cannot become a CFDI. */
async function buildAndSeal(
  d: InvoicingDeps,
  caches: ProcessCaches,
  p: Peticion,
  { empresa, tipo, sucursal }: Tenant,
): Promise<{ errors: string[]; advertencias?: string[] } | { xml: string; printed: DatosImpresos }> {
  // The connector and the rules ask for the same receptor (by clave, then RFC): one look each per job.
  const receptores = new Map<string, ReturnType<InvoicingDeps['store']['findReceptor']>>();
  const findReceptor = (k: string) => {
    let hit = receptores.get(k);
    if (!hit) receptores.set(k, (hit = d.store.findReceptor(empresa.id, k)));
    return hit;
  };
  const connector = getConnector(tipo.connector);
  if (!connector) return { errors: asDocumentError(new AppError('GEN_CONECTOR_DESCONOCIDO', `El conector "${tipo.connector}" no existe`)) };
  const parsed = await connector.parse(p.archivoFuente, {
    version: tipo.layoutVersion,
    defaults: tipo.defaults,
    directory: {
      findReceptor,
      findProducto: (k) => d.store.findProducto(empresa.id, k),
      // One read for the whole document; what it says of each key (found or not) also answers the rules.
      lookUp: async (q) => {
        const found = await d.store.findDirectorio(empresa.id, q);
        for (const k of q.receptores) if (!receptores.has(k)) receptores.set(k, Promise.resolve(found.receptores.get(k)));
        return found;
      },
    },
  });
  if (!parsed.ok) return { errors: parsed.errors.map((e) => formatGenerationError(e.code, e.message)) };
  const { draft, printed } = parsed;
  if (printed.tipoCfd && printed.tipoCfd !== tipo.codigo) {
    return { errors: asDocumentError(new AppError('GEN_TIPO_NO_COINCIDE',
      `El registro 00 indica el tipo de CFD "${printed.tipoCfd}" pero idTipoCfd corresponde a "${tipo.codigo}"`)) };
  }

  // Payment receipts: the service's own invoices fill and check their DoctoRelacionado.
  let pagos: PagosPreparados | undefined;
  if (d.pagos && draft.Pagos) {
    const r = await prepararPagos(d.pagos, empresa.id, p.id, draft);
    if ('errors' in r) return r;
    pagos = r;
  }

  const fecha = draft.Fecha ?? localFecha(d.clock(), timeZoneOfCodigoPostal(sucursal.codigoPostal));
  const faltantesPagos: Faltante[] = [];
  const comprobante = completeComprobante(
    {
      ...draft,
      // The document's own Serie/Folio are used as given (issue 10); what it lacks comes
      // from the tipo: its serie, and its sequence's next folio (assigned below, after the
      // rules pass, so a rejected document never consumes one).
      Serie: draft.Serie || tipo.serie,
      Folio: draft.Folio || undefined,
      Fecha: fecha,
      LugarExpedicion: sucursal.codigoPostal,
      // The emisor is the empresa that owns the CSD, whatever the document says.
      Emisor: { Rfc: empresa.rfc, Nombre: empresa.nombre, RegimenFiscal: empresa.regimenFiscal, FacAtrAdquirente: draft.Emisor?.FacAtrAdquirente },
    },
    { monedaDecimales, faltantesPagos },
  );
  if (faltantesPagos.length) return { errors: faltantesPagos.map(faltanteError) };
  // An ImpPagado computed from the Monto may exceed an invoice's balance too: said before the SAT rules.
  let aplicaciones: Aplicacion[] | undefined;
  if (pagos?.pendientes.length) {
    const r = aplicacionesFinales(comprobante, pagos);
    if ('errors' in r) return r;
    aplicaciones = r.aplicaciones;
  }

  // The connector refused such characters where the client wrote them; these came from the
  // empresa's directories or the tipo's defaults. Refused now, or the XML writer would fail
  // after the folio was taken.
  const unwritable = unwritableErrors(comprobante);
  if (unwritable.length) return { errors: unwritable };

  // The CSD comes first: the rules compare the emisor with its titular (CFDI40138/40139).
  let csd: Csd;
  try {
    csd = await loadCachedCsd(d, caches, empresa);
  } catch (e) {
    return { errors: asDocumentError(e) };
  }
  const findings = await validateComprobante(comprobante, {
    catalogs: {
      lookupCatalog: (catalog, keys) => d.store.lookupCatalog(catalog, keys),
      catalogStatus: () => remember(caches, 'catalogStatus', () => d.store.catalogStatus()),
    },
    registry: directoryRegistry({
      findReceptor,
      csd: { rfc: csd.rfc, nombre: csd.nombre },
    }),
  });
  // What a PAC would refuse outright (Fecha window, P without Pagos), before any folio (issue 10).
  const errors = [...checkEmision(comprobante, d.clock()).map((e) => formatGenerationError(e.code, e.message)), ...clientErrors(findings)];
  // Warnings and rules not checked (and why) reach the client beside the CFDI or the errors.
  // Written with the sealed XML or the errors, in the same write (none to write: undefined).
  const found = clientNotices(findings);
  const advertencias = found.length || p.advertencias?.length ? found : undefined;
  if (errors.length) return { errors, advertencias };
  try {
    checkCsdFor(csd, { rfc: comprobante.Emisor.Rfc, fecha: parseLocal(fecha) });
  } catch (e) {
    return { errors: asDocumentError(e), advertencias };
  }

  if (aplicaciones?.length && d.pagos) {
    // Race-safe: fails with PAGO_CONCURRENTE (retried, balances read again) if another receipt spent it first.
    await d.pagos.registrar(empresa.id, p.id, aplicaciones, d.clock().toISOString());
  }

  let serie: string | undefined;
  let folio: string;
  try {
    // One CFDI per empresa + Serie + Folio: a Serie-Folio already used is refused here, before sealing.
    ({ serie, folio } = await d.store.assignFolio(p.id, { serie: draft.Serie || undefined, folio: draft.Folio || undefined }));
  } catch (e) {
    const errors = asDocumentError(e);
    // Refused: this receipt's payments stop counting against the invoices.
    if (aplicaciones?.length) await d.pagos?.liberar(p.id);
    return { errors, advertencias };
  }
  const sealed = sealComprobante({ ...comprobante, Serie: serie, Folio: folio }, csd);
  // The stored XML wins: after a crash between sealing and saving, the first one is kept.
  return { xml: await d.store.saveSealed(p.id, writeComprobante(sealed), printed, advertencias), printed };
}

interface StampedCfdi {
  xml: string;
  comprobante: Comprobante;
}

/** The PAC's answer, not yet stored: the caller stores it with its PDF. */
async function stamp(d: InvoicingDeps, p: Peticion, sealedXml: string, printed?: DatosImpresos): Promise<{ errors: string[] } | StampedCfdi & { meta: CfdiMeta }> {
  let result;
  const stamper = (await d.stampers?.forEmpresa(p.empresaId)) ?? d.stamper;
  try {
    // Every attempt sends the stored sealed bytes with the same key: a PAC that stamped
    // them before answers with that stamp, never a second UUID.
    result = await stamper.stamp(sealedXml, { clave: claveDe(p) });
  } catch (e) {
    if (e instanceof StampError && !e.retryable) {
      // Refused for good, never stamped: the Serie-Folio is free for the corrected document,
      // and a receipt's payments stop counting against the invoices.
      await d.store.releaseFolio(p.id);
      await d.pagos?.liberar(p.id);
      // A refusal carries the PAC's own code and text: `Error 302\nSello mal formado o inválido…`.
      return { errors: [formatGenerationError(e.code, e.message)] };
    }
    throw e;
  }
  const comprobante = readComprobante(result.xml);
  return { xml: result.xml, comprobante, meta: cfdiMeta(comprobante, result.tfd.UUID, result.tfd.FechaTimbrado, result.produccion, printed) };
}

/**
 * The request's key at the PAC (SW's customid, ≤ 100 characters): the same on every retry,
 * different for every request (also across databases: the creation instant is in it).
 */
export function claveDe(p: Peticion): string {
  return createHash('sha256').update(`${p.empresaId}|${p.id}|${p.createdAt}`).digest('hex');
}

/** The stamped CFDI of a peticion that resumes at the `stamped` stage. */
async function storedCfdi(d: InvoicingDeps, p: Peticion): Promise<StampedCfdi> {
  const xml = p.cfdiId === undefined ? undefined : await d.store.getCfdiXml(p.cfdiId);
  if (!xml) throw new Error(`peticion ${p.id}: stamped CFDI ${p.cfdiId} not found`);
  return { xml, comprobante: readComprobante(xml) };
}

function renderPdf(d: InvoicingDeps, t: Tenant, cfdi: StampedCfdi, printed?: DatosImpresos): Promise<Buffer> {
  return d.renderer.render({
    comprobante: cfdi.comprobante,
    printed: printed ?? { notas: [], conceptos: [] },
    branding: brandingOf(t.empresa, t.tipo),
  });
}

export function brandingOf(empresa: Empresa, tipo: TipoCfd) {
  return { logo: empresa.logo, color: tipo.color ?? empresa.color, template: tipo.template ?? empresa.template };
}

/** The searchable fields of a stamped CFDI, as the GET and the downloads need them. */
export function cfdiMeta(c: Comprobante, uuid: string, fechaTimbrado: string, produccion: boolean, printed?: DatosImpresos): CfdiMeta {
  const ivas = (c.Impuestos?.Traslados ?? []).filter((t) => t.Impuesto === '002' && t.Importe !== undefined).map((t) => t.Importe!);
  const aduana = printed?.conceptos.find((x) => x.aduana || x.fechaPedimento);
  const pedimento = c.Conceptos.flatMap((x) => x.InformacionAduanera)[0]?.NumeroPedimento;
  return {
    uuid,
    serie: c.Serie,
    folio: c.Folio,
    fecha: c.Fecha,
    fechaTimbrado,
    rfcEmisor: c.Emisor.Rfc,
    rfcReceptor: c.Receptor.Rfc,
    nombreReceptor: c.Receptor.Nombre,
    moneda: c.Moneda,
    tipoCambio: c.TipoCambio,
    subTotal: c.SubTotal,
    descuento: c.Descuento,
    total: c.Total,
    iva: ivas.length ? format(sum(ivas)) : undefined,
    tipoDeComprobante: c.TipoDeComprobante,
    produccion,
    pedimento,
    fechaPedimento: aduana?.fechaPedimento,
    aduana: aduana?.aduana,
  };
}

async function loadCachedCsd(d: InvoicingDeps, caches: ProcessCaches, empresa: Empresa): Promise<Csd> {
  const stored = await remember(caches, `csd:${empresa.id}`, () => d.store.getCsd(empresa.id));
  if (!stored) throw new AppError('GEN_SIN_CSD', `La empresa ${empresa.rfc} no tiene un CSD importado`);
  const hit = caches.csd.get(empresa.id);
  if (hit && hit.noCertificado === stored.noCertificado) return hit.csd;
  const csd = openCsd(d.secrets, stored);
  caches.csd.set(empresa.id, { noCertificado: csd.noCertificado, csd });
  return csd;
}

/** A local Fecha compared with certificate validity: read as UTC-6, the widest error is hours, never days. */
function parseLocal(fecha: string): Date {
  return new Date(`${fecha}-06:00`);
}

/** Values of the finished Comprobante that XML cannot carry, as LAYOUT_CARACTER errors naming the attribute. */
function unwritableErrors(c: Comprobante): string[] {
  return findUnwritable(c).map((u) =>
    formatGenerationError(
      'LAYOUT_CARACTER',
      `${u.path}: ${quoteValue(u.value)} ${unwritableProblem(u.codePoint)} (el valor viene del directorio de la empresa o de los valores del tipo de CFD)`,
    ),
  );
}

function faltanteError(f: Faltante): string {
  const where = f.docto === undefined ? `Pago ${f.pago}` : `Pago ${f.pago}, DoctoRelacionado ${f.docto}`;
  return formatGenerationError('PAGO_DATO_FALTANTE', `${where}: falta ${f.campo}; el documento no lo indica y no puede calcularse (la factura no fue emitida por este servicio)`);
}

/** A non-retryable AppError is the document's (or the tenant's) problem: report it. Anything else is retried. */
function asDocumentError(e: unknown): string[] {
  if (e instanceof AppError && !e.def.retryable) {
    const code = e.code === 'CSD_VIGENCIA' ? 'GEN_CSD_NO_VIGENTE' : e.code;
    return [formatGenerationError(code, e.message)];
  }
  throw e;
}
