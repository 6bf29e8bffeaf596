/**
 * GET /{keyEmpresa}/descargasCfdiAsync: one CFDI (by idCfdi or uuid) as XML, PDF or a
 * ZIP of both, or many CFDIs of the empresa as one streamed ZIP, bounded by
 * `zipPageSize` and paged with `despuesDe`.
 */
import { Transform, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { InvoicingDeps } from './deps.ts';
import type { CfdiFilter, CfdiRecord, Empresa } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';
import { rangoFechas } from '../shared/fechas.ts';
import { NOT_FOUND } from './query.ts';

export type Representacion = 'XML' | 'PDF' | 'XML_PDF' | 'ACUSE';

export interface DownloadQuery {
  idCfdi?: string;
  uuid?: string;
  produccion?: string;
  representacion?: string;
  fechaInicial?: string;
  fechaFinal?: string;
  serie?: string;
  folioInicial?: string;
  folioFinal?: string;
  /** Paging of bulk downloads: the idCfdi after which to continue. */
  despuesDe?: string;
}

export type DownloadAnswer =
  /** A filter (produccion, dates, serie, folios) matched nothing. */
  | { status: 204 }
  /** idCfdi or uuid names no CFDI of this empresa. */
  | typeof NOT_FOUND
  | {
      status: 200;
      contentType: string;
      fileName: string;
      body: Buffer | Readable;
      /** For bulk downloads with more CFDIs than one page holds: the query of the next page. */
      nextPage?: string;
    };

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const REPRESENTACIONES: readonly string[] = ['XML', 'PDF', 'XML_PDF', 'ACUSE'];

function bad(message: string): AppError {
  return new AppError('API_PARAMETROS_DESCARGA', message);
}

export interface DownloadOptions {
  /** Called once a request is known to be a bulk download, before any CFDI is read; throws to refuse it. */
  bulkSlot?: () => void;
}

export async function download(d: InvoicingDeps, keyEmpresa: string, q: DownloadQuery, o: DownloadOptions = {}): Promise<DownloadAnswer> {
  const empresa = await d.store.getEmpresaByKey(keyEmpresa);
  if (!empresa) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
  if (q.representacion !== undefined && !REPRESENTACIONES.includes(q.representacion)) {
    throw bad(`representacion debe ser XML, PDF, XML_PDF o ACUSE (se recibió "${q.representacion}")`);
  }
  let produccion: boolean | undefined;
  if (q.produccion !== undefined) {
    if (q.produccion !== 'true' && q.produccion !== 'false') throw bad('produccion debe ser true o false');
    produccion = q.produccion === 'true';
  }
  const rep = q.representacion as Representacion | undefined;

  if (q.idCfdi !== undefined || q.uuid !== undefined) {
    let cfdi: CfdiRecord | undefined;
    if (q.idCfdi !== undefined) {
      const id = d.ids.decode('cfdi', q.idCfdi);
      if (id === undefined) throw new AppError('API_ID_INVALIDO', 'idCfdi no es un identificador válido');
      cfdi = await d.store.getCfdi(id);
      // Both given: they must name the same CFDI.
      if (q.uuid !== undefined && cfdi && cfdi.uuid !== q.uuid.toUpperCase()) cfdi = undefined;
    } else {
      if (!UUID.test(q.uuid!)) throw bad('uuid no tiene el formato de un folio fiscal');
      cfdi = await d.store.getCfdiByUuid(empresa.id, q.uuid!.toUpperCase());
    }
    // Another empresa's CFDI answers exactly like one that does not exist.
    if (!cfdi || cfdi.empresaId !== empresa.id) return NOT_FOUND;
    if (produccion !== undefined && cfdi.produccion !== produccion) return { status: 204 };
    return single(d, cfdi, rep ?? 'XML_PDF');
  }

  const filter = bulkFilter(d, empresa, q, produccion);
  if (!rep && !filter.used) throw bad('Debe indicar al menos uno de: idCfdi, uuid, representacion, fechaInicial, fechaFinal, serie, folioInicial, folioFinal');
  o.bulkSlot?.();
  const page = await d.store.listCfdis({ ...filter.f, limit: d.settings.zipPageSize + 1 });
  if (page.length === 0) return { status: 204 };
  const more = page.length > d.settings.zipPageSize;
  const rows = more ? page.slice(0, d.settings.zipPageSize) : page;
  const r = rep ?? 'XML_PDF';
  let nextPage: string | undefined;
  if (more) {
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'despuesDe') as Array<[string, string]>);
    params.set('despuesDe', d.ids.encode('cfdi', rows[rows.length - 1].id));
    nextPage = `/${empresa.key}/descargasCfdiAsync?${params.toString()}`;
  }
  return {
    status: 200,
    contentType: 'application/zip',
    fileName: `cfdis-${empresa.rfc}-${r}.zip`,
    body: zipStream(d, rows, r),
    nextPage,
  };
}

export function bulkFilter(d: InvoicingDeps, empresa: Empresa, q: DownloadQuery, produccion: boolean | undefined): { f: Omit<CfdiFilter, 'limit'>; used: boolean } {
  const f: Omit<CfdiFilter, 'limit'> = { empresaId: empresa.id, produccion };
  let used = false;
  const fechas = rangoFechas({ nombre: 'fechaInicial', texto: q.fechaInicial }, { nombre: 'fechaFinal', texto: q.fechaFinal }, bad);
  if (fechas.inicial) f.fechaInicial = fechas.inicial.valor;
  if (fechas.final) f.fechaFinal = fechas.final.valor;
  if (fechas.inicial || fechas.final) used = true;
  if (q.serie !== undefined) {
    f.serie = q.serie;
    used = true;
  }
  for (const k of ['folioInicial', 'folioFinal'] as const) {
    const v = q[k];
    if (v === undefined) continue;
    if (!/^\d{1,15}$/.test(v)) throw bad(`${k} debe ser un número entero`);
    f[k] = Number(v);
    used = true;
  }
  if (q.despuesDe !== undefined) {
    const id = d.ids.decode('cfdi', q.despuesDe);
    if (id === undefined) throw bad('despuesDe no es un identificador válido');
    f.afterId = id;
  }
  return { f, used };
}

/** `SERIE-FOLIO`, or the UUID when the CFDI has no folio. */
export function baseName(c: Pick<CfdiRecord, 'serie' | 'folio' | 'uuid'>): string {
  const name = c.folio ? (c.serie ? `${c.serie}-${c.folio}` : c.folio) : c.uuid;
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

async function single(d: InvoicingDeps, c: CfdiRecord, rep: Representacion): Promise<DownloadAnswer> {
  const name = baseName(c);
  if (rep === 'XML') {
    const xml = await d.store.getCfdiXml(c.id);
    return { status: 200, contentType: 'application/xml; charset=utf-8', fileName: `${name}.xml`, body: Buffer.from(xml!, 'utf8') };
  }
  if (rep === 'PDF') {
    const pdf = await d.store.getCfdiPdf(c.id);
    if (!pdf) return { status: 204 };
    return { status: 200, contentType: 'application/pdf', fileName: `${name}.pdf`, body: pdf };
  }
  if (rep === 'ACUSE') {
    const acuse = await acuseDe(d, c);
    if (acuse === undefined) return { status: 204 };
    return { status: 200, contentType: 'application/xml; charset=utf-8', fileName: `${name}-acuse.xml`, body: Buffer.from(acuse, 'utf8') };
  }
  return { status: 200, contentType: 'application/zip', fileName: `${name}.zip`, body: zipStream(d, [c], 'XML_PDF') };
}

/** The cancellation acuse of a CFDI, as received (issue 12); only CFDIs with a cancellation have one. */
async function acuseDe(d: InvoicingDeps, c: CfdiRecord): Promise<string | undefined> {
  if (!c.estadoCancelacion || !d.acuses) return undefined;
  return d.acuses.acuse(c.id);
}

/**
 * How far the store may run ahead of the client: bytes of entries handed to yazl that have
 * not yet left the ZIP stream. A few CFDIs (~40 KB each with their PDF), whatever the page size.
 */
const AHEAD_BYTES = 512 * 1024;

/**
 * Streams a ZIP, fetching one CFDI at a time and only while the client keeps up, so
 * memory stays flat however many CFDIs it holds. PDFs are stored, not deflated: they are
 * compressed already, and deflating them costs ~1 ms each for nothing.
 */
export function zipStream(d: InvoicingDeps, rows: CfdiRecord[], rep: Representacion): Readable {
  const zip = new yazl.ZipFile();
  const entries = yazlEntries(zip);
  const out = new ZipMeter();
  zip.outputStream.pipe(out);
  const add = (data: Buffer, name: string, mtime: Date, compress: boolean) => {
    const i = entries.length;
    // First: a stored entry may pass the meter before addBuffer returns.
    out.added(data.length, () => {
      if (entries[i]) entries[i].doFileDataPump = undefined;
    });
    zip.addBuffer(data, name, { mtime, compress });
  };
  void (async () => {
    try {
      for (const c of rows) {
        await out.room(AHEAD_BYTES);
        if (out.destroyed) return;
        const name = baseName(c);
        const mtime = new Date(`${c.fecha}Z`);
        // Each await may outlive the client: nothing is added to a closed stream.
        if (rep === 'XML' || rep === 'XML_PDF') {
          const xml = await d.store.getCfdiXml(c.id);
          if (out.destroyed) return;
          if (xml) add(Buffer.from(xml, 'utf8'), `${name}.xml`, mtime, true);
        }
        if (rep === 'PDF' || rep === 'XML_PDF') {
          const pdf = await d.store.getCfdiPdf(c.id);
          if (out.destroyed) return;
          if (pdf) add(pdf, `${name}.pdf`, mtime, false);
        }
        if (rep === 'ACUSE' || rep === 'XML_PDF') {
          const acuse = await acuseDe(d, c);
          if (out.destroyed) return;
          if (acuse !== undefined) add(Buffer.from(acuse, 'utf8'), `${name}-acuse.xml`, mtime, true);
        }
      }
      zip.end();
    } catch (e) {
      // Before the first byte fastify answers the error (500); after it, it cuts the response.
      d.log.error({ err: e, cfdis: rows.length }, 'zip download failed');
      out.destroy(e as Error);
    }
  })();
  return out;
}

/**
 * yazl keeps every entry until `end()` (the central directory needs them), and each entry
 * keeps the closure that writes its data: every byte of the ZIP would stay in memory until
 * the last entry is out. yazl has no API to let go of an entry's data, so once the entry has
 * passed, its writer is dropped here, through yazl's internals (3.x: `entries`, each with
 * `doFileDataPump`); test/e2e/zip-stream.test.ts fails if that stops releasing the data.
 */
function yazlEntries(zip: yazl.ZipFile): Array<{ doFileDataPump?: unknown }> {
  const entries = (zip as unknown as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error('yazl without `entries`: zipStream cannot release written entries');
  return entries as Array<{ doFileDataPump?: unknown }>;
}

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** General purpose flag bit 3: sizes come after the data. addBuffer never sets it. */
const DATA_DESCRIPTOR_FLAG = 1 << 3;

/**
 * The ZIP's bytes on their way to the client, counting the entries that have passed.
 * yazl takes every added buffer (and its deflate) at once and writes it to its output
 * whatever that output's back-pressure, and tells nobody when an entry was written; so
 * the producer waits here instead: each entry of addBuffer starts with a local header
 * that gives its length (name, extra field, compressed size), and once it has been
 * pushed on, only stream buffers of bounded size stand between it and the socket.
 */
class ZipMeter extends Transform {
  /** The entries added and not yet passed, oldest first: their size, and what lets go of their data. */
  private readonly queued: Array<{ bytes: number; release: () => void }> = [];
  private queuedBytes = 0;
  private header = Buffer.alloc(0);
  /** Bytes of the current entry still to pass after its local header. */
  private left = 0;
  /** The central directory has started: no more entries. */
  private done = false;
  private wake: (() => void) | undefined;

  added(bytes: number, release: () => void): void {
    this.queued.push({ bytes, release });
    this.queuedBytes += bytes;
  }

  /** Resolves once at most `bytes` are queued, or the stream is gone. */
  async room(bytes: number): Promise<void> {
    while (this.queuedBytes > bytes && !this.destroyed) await new Promise<void>((r) => (this.wake = r));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void): void {
    try {
      this.walk(chunk);
    } catch (e) {
      return cb(e as Error);
    }
    cb(null, chunk);
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.wakeUp();
    cb(err);
  }

  private walk(chunk: Buffer): void {
    let p = 0;
    while (p < chunk.length && !this.done) {
      if (this.left > 0) {
        const n = Math.min(this.left, chunk.length - p);
        this.left -= n;
        p += n;
        if (this.left === 0) this.passed();
        continue;
      }
      const take = Math.min(LOCAL_HEADER_BYTES - this.header.length, chunk.length - p);
      this.header = Buffer.concat([this.header, chunk.subarray(p, p + take)]);
      p += take;
      if (this.header.length < LOCAL_HEADER_BYTES) continue;
      const h = this.header;
      this.header = Buffer.alloc(0);
      if (h.readUInt32LE(0) !== LOCAL_HEADER) {
        this.done = true;
        continue;
      }
      if (h.readUInt16LE(6) & DATA_DESCRIPTOR_FLAG) throw new Error('ZIP entry without its size in the local header');
      this.left = h.readUInt16LE(26) + h.readUInt16LE(28) + h.readUInt32LE(18);
    }
  }

  private passed(): void {
    const e = this.queued.shift();
    if (e) {
      this.queuedBytes -= e.bytes;
      e.release();
    }
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
