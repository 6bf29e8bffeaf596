/**
 * Bulk ZIP downloads stream with bounded buffering (issue 17, item 6): a real SQLite
 * store behind a wrapper that counts (and can fail) the XML and PDF fetches, the real
 * HTTP app on loopback, real clients that read, stop reading or go away.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import yazl from 'yazl';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureDemoTenant, type DemoTenant } from '../../src/invoicing/demo.ts';
import { baseName } from '../../src/invoicing/download.ts';
import type { CfdiRecord, Store } from '../../src/storage/store.ts';
import { openPaused as openPausedOn, storeStampedCfdi } from './helpers.ts';
import { readZip } from './zip.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  },
});

/** XML and PDF fetches of the current download; the `failPdfAt`th PDF fetch throws. */
const fetches = { xml: 0, pdf: 0, failPdfAt: 0 };
/** Every PDF the store gave, weakly: which of them something still holds. */
let pdfsGiven: Array<WeakRef<Buffer>> = [];

/** A full garbage collection, then the number of PDFs given that are still alive. */
async function pdfsAlive(): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // WeakRefs read in this job keep their target until it ends: collect in the next one.
  await new Promise((r) => setImmediate(r));
  gc();
  return pdfsGiven.filter((r) => r.deref() !== undefined).length;
}

let dataDir: string;
let rt: Runtime;
let app: FastifyInstance;
let port: number;
let demo: DemoTenant;
/** The server's side of the latest request, to know when it saw a client go. */
let lastResponse: ServerResponse | undefined;

/** Serie M: many small CFDIs. Serie B: fewer with 1 MiB PDFs, more than loopback sockets buffer. */
const MANY = 300;
const BIG = 48;
const BIG_PDF = 1024 * 1024;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cfdi-zipstream-'));
  const config = loadConfig({}, { CFDI_DATA_DIR: dataDir, CFDI_LOG_LEVEL: 'warn', CFDI_TLS: 'off', CFDI_WORKERS: '0' });
  rt = await openRuntime(config, { log: createLogger(config, capture) });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
  for (let n = 1; n <= MANY; n++) {
    // Distinct contents and dates, so a swapped entry or mtime shows.
    const xml = `<cfdi:Comprobante Version="4.0" Folio="${n}">${'<cfdi:Concepto Descripcion="x"/>'.repeat(n % 97)}${randomBytes(64).toString('hex')}</cfdi:Comprobante>`;
    const fecha = new Date(Date.UTC(2026, n % 12, 1 + (n % 28), n % 24, n % 60, n % 60)).toISOString().slice(0, 19);
    await storeStampedCfdi(rt, demo, { n, serie: 'M', xml, fecha, pdf: randomBytes(1000 + ((n * 137) % 30_000)) });
  }
  for (let n = MANY + 1; n <= MANY + BIG; n++) await storeStampedCfdi(rt, demo, { n, serie: 'B', pdf: randomBytes(BIG_PDF) });

  const real = rt.store;
  const counting = new Proxy(real, {
    get(target, key) {
      if (key === 'getCfdiXml') {
        return async (id: number) => {
          fetches.xml++;
          return target.getCfdiXml(id);
        };
      }
      if (key === 'getCfdiPdf') {
        return async (id: number) => {
          if (++fetches.pdf === fetches.failPdfAt) throw new Error('disk I/O error (injected)');
          const pdf = await target.getCfdiPdf(id);
          if (pdf) pdfsGiven.push(new WeakRef(pdf));
          return pdf;
        };
      }
      const v = Reflect.get(target, key);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Store;
  app = await buildApp({ ...rt.deps, store: counting }, { logger: createLogger(config, capture) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
  app.server.on('request', (req, res: ServerResponse) => {
    if (req.url?.includes('descargas')) lastResponse = res;
  });
});
after(async () => {
  await app?.close();
  await rt?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  Object.assign(fetches, { xml: 0, pdf: 0, failPdfAt: 0 });
  pdfsGiven = [];
  lines.length = 0;
});

const bulk = (serie: string, rep: string) => `/${demo.keyEmpresa}/descargasCfdiAsync?representacion=${rep}&serie=${serie}`;

const openPaused = (path: string) => openPausedOn(port, path);

/** Reads the rest of a response: its bytes, and whether it arrived whole. */
function drain(res: IncomingMessage): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ body: Buffer.concat(chunks), complete: res.complete }));
    res.on('error', () => resolve({ body: Buffer.concat(chunks), complete: false }));
    res.resume();
  });
}

const get = async (path: string) => {
  const res = await openPaused(path);
  return { status: res.statusCode!, headers: res.headers, ...(await drain(res)) };
};

/**
 * Lets the server go as far as it will: loopback round trips (each one many turns of its
 * event loop, deflates included) until the fetch count has not moved for ten of them.
 * Bounded, so a server that never stops fetching fails the assertion after it.
 */
async function settle(): Promise<number> {
  let last = -1;
  for (let still = 0, i = 0; still < 10 && i < 2000; i++) {
    assert.equal((await get('/health')).status, 200);
    const now = fetches.xml + fetches.pdf;
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** The ZIP as yazl writes it with every entry added at once (the code before item 6): the bytes to match. */
async function referenceZip(rows: CfdiRecord[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const c of rows) {
    const mtime = new Date(`${c.fecha}Z`);
    zip.addBuffer(Buffer.from((await rt.store.getCfdiXml(c.id))!, 'utf8'), `${baseName(c)}.xml`, { mtime, compress: true });
    zip.addBuffer((await rt.store.getCfdiPdf(c.id))!, `${baseName(c)}.pdf`, { mtime, compress: false });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function rowsOf(serie: string): Promise<CfdiRecord[]> {
  const empresa = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!;
  return rt.store.listCfdis({ empresaId: empresa.id, serie, limit: 10_000 });
}

describe('bulk ZIP download', () => {
  test('many CFDIs: every XML and PDF, byte for byte, with the names, order, dates and compression of before', async () => {
    const r = await get(bulk('M', 'XML_PDF'));
    assert.equal(r.status, 200);
    assert.ok(r.complete);
    const rows = await rowsOf('M');
    assert.equal(rows.length, MANY);
    const entries = readZip(r.body);
    assert.deepEqual([...entries.keys()], rows.flatMap((c) => [`${baseName(c)}.xml`, `${baseName(c)}.pdf`]));
    for (const c of rows) {
      assert.ok(entries.get(`${baseName(c)}.xml`)!.equals(Buffer.from((await rt.store.getCfdiXml(c.id))!, 'utf8')), `${c.folio}.xml`);
      assert.ok(entries.get(`${baseName(c)}.pdf`)!.equals((await rt.store.getCfdiPdf(c.id))!), `${c.folio}.pdf`);
    }
    assert.ok(r.body.equals(await referenceZip(rows)), 'the same bytes as yazl with every entry added at once');
    assert.deepEqual([fetches.xml, fetches.pdf], [MANY, MANY], 'each CFDI fetched once');
  });

  test('a client that reads nothing holds the server to a few CFDIs fetched; when it reads, the whole ZIP comes', async (t) => {
    const res = await openPaused(bulk('B', 'PDF'));
    t.after(() => res.destroy());
    assert.equal(res.statusCode, 200);
    const whilePaused = await settle();
    // Loopback socket buffers hold a few MiB here (a few of these 1 MiB PDFs), the stream
    // about one more: half the CFDIs is far above that and far below all of them.
    assert.ok(whilePaused > 0 && whilePaused <= BIG / 2, `${whilePaused} of ${BIG} PDFs fetched while the client read nothing`);
    // Those already handed to the socket are let go (yazl would keep every one to the end):
    // one waits in yazl, one in the ZIP stream's buffer, one or two in the response's.
    const alive = await pdfsAlive();
    assert.ok(alive <= 4, `${alive} of the ${whilePaused} PDFs fetched still held in memory`);
    const r = await drain(res);
    assert.ok(r.complete);
    const entries = readZip(r.body);
    assert.equal(entries.size, BIG);
    assert.equal(fetches.pdf, BIG);
    const rows = await rowsOf('B');
    for (const c of [rows[0], rows[BIG - 1]]) assert.ok(entries.get(`${baseName(c)}.pdf`)!.equals((await rt.store.getCfdiPdf(c.id))!));
  });

  test('a client that goes away mid-download stops the fetching', async () => {
    const res = await openPaused(bulk('B', 'PDF'));
    assert.equal(res.statusCode, 200);
    const before = await settle();
    const server = lastResponse!;
    const closed = new Promise((r) => (server.closed ? r(undefined) : server.once('close', r)));
    res.destroy();
    await closed;
    const afterwards = await settle();
    assert.ok(afterwards <= before + 1, `fetched ${afterwards - before} more PDFs after the client went (${before} before)`);
    assert.ok(afterwards < BIG);
    assert.equal((await get(bulk('M', 'XML'))).status, 200, 'the server goes on');
  });

  test('a database error mid-stream cuts the response and is logged; the server goes on', async () => {
    // Past the first 512 KiB of entries: the stream has waited for the client, so the headers are out.
    fetches.failPdfAt = 150;
    const r = await get(bulk('M', 'XML_PDF'));
    assert.equal(r.status, 200, 'the headers were out before the error');
    assert.equal(r.complete, false, 'the client sees a truncated response, not a well-formed ZIP');
    assert.ok(lines.some((l) => l.includes('zip download failed') && l.includes('disk I/O error (injected)')), lines.join('\n'));
    fetches.failPdfAt = 0;
    const again = await get(bulk('M', 'XML_PDF'));
    assert.equal(again.status, 200);
    assert.equal(readZip(again.body).size, 2 * MANY);
  });

  test('a database error before the first byte is answered 500 in the seed error shape', async () => {
    fetches.failPdfAt = 1;
    const r = await get(bulk('M', 'PDF'));
    assert.equal(r.status, 500);
    assert.ok(r.complete);
    assert.equal(r.headers['content-disposition'], undefined, 'not offered as a file');
    assert.match(JSON.parse(r.body.toString('utf8')).errors[0], /^Error GEN_INTERNO/);
  });
});
