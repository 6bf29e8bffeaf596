/**
 * Limits over real HTTP on loopback: a keyEmpresa past its rate gets 429 with
 * Retry-After (others are unaffected), and bulk ZIP downloads beyond the bound get 503
 * with Retry-After while one is still streaming to a slow client.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { openPaused as openPausedOn, startTestServer, storeStampedCfdi, type Reply, type TestServer } from './helpers.ts';
import { createEmpresa } from '../../src/invoicing/tenants.ts';

function seedError(r: Reply): string {
  const b = r.json();
  assert.ok(Array.isArray(b.errors) && b.errors.length === 1, r.body.toString());
  return b.errors[0];
}

describe('per-keyEmpresa rate limit', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ CFDI_WORKERS: '0', CFDI_TLS: 'off', CFDI_RATE_LIMIT_PER_SECOND: '2', CFDI_RATE_LIMIT_BURST: '4' });
  });
  after(async () => {
    await s?.close();
  });

  test('past its burst a key gets 429 with Retry-After in the seed error shape; other keys and /health go on; after Retry-After it passes', async () => {
    const k = s.demo.keyEmpresa;
    const get = (key: string) => s.fetch('GET', `/${key}/cfdis/5503643c66ee9496d7223ad9f61e6609`);
    const burst = await Promise.all([get(k), get(k), get(k), get(k)]);
    assert.deepEqual(burst.map((r) => r.status), [404, 404, 404, 404]);
    const limited = await get(k);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '1');
    assert.match(seedError(limited), /^Error API_LIMITE_PETICIONES\nDemasiadas peticiones para esta keyEmpresa \(máximo 2 por segundo\); reintente en 1 s\. :\n Código de error: API_LIMITE_PETICIONES$/);
    // Every endpoint of the key counts.
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?representacion=XML`)).status, 429);
    assert.equal((await s.fetch('PUT', `/${k}/cfdisAsync`, '{}', { 'Content-Type': 'application/json' })).status, 429);

    const other = await createEmpresa(s.server.runtime.deps, { rfc: 'AAA010101AAA', nombre: 'OTRA', regimenFiscal: '601' });
    assert.equal((await get(other.key)).status, 404, 'another empresa has its own budget');
    assert.equal((await get('00000000-0000-0000-0000-000000000000')).status, 401);
    for (let i = 0; i < 10; i++) assert.equal((await s.fetch('GET', '/health')).status, 200, '/health is not limited');

    await new Promise((r) => setTimeout(r, Number(limited.headers['retry-after']) * 1000));
    assert.equal((await get(k)).status, 404, 'after Retry-After the key is served again');
  });
});

describe('concurrent bulk ZIP downloads', () => {
  let s: TestServer;
  let port: string;
  let idCfdi: string;
  const PDF_BYTES = 8 * 1024 * 1024;
  before(async () => {
    s = await startTestServer({ CFDI_WORKERS: '0', CFDI_TLS: 'off', CFDI_RATE_LIMIT_PER_SECOND: '0', CFDI_MAX_BULK_DOWNLOADS: '1' });
    port = new URL(s.baseUrl).port;
    // Four stamped CFDIs with 8 MB PDFs: a 32 MB ZIP that loopback buffers cannot swallow,
    // so the download stays in progress while its client does not read.
    for (let i = 1; i <= 4; i++) idCfdi = (await storeStampedCfdi(s.server.runtime, s.demo, { n: i, pdf: randomBytes(PDF_BYTES) })).idCfdi;
  });
  after(async () => {
    await s?.close();
  });

  const BULK = () => `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=PDF&serie=Z`;

  const openPaused = (path: string) => openPausedOn(Number(port), path);

  function drain(res: IncomingMessage): Promise<number> {
    return new Promise((resolve, reject) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
      res.resume();
    });
  }

  test('beyond the bound a bulk download is 503 with Retry-After; downloads by idCfdi are not bounded; the slot frees when the stream ends', async (t) => {
    const slow = await openPaused(BULK());
    // Whatever fails below, a paused response must not keep the server from closing.
    t.after(() => slow.destroy());
    assert.equal(slow.statusCode, 200);

    const busy = await s.fetch('GET', BULK());
    assert.equal(busy.status, 503);
    assert.equal(busy.headers['retry-after'], '5');
    assert.match(seedError(busy), /^Error API_DESCARGAS_OCUPADO\nHay 1 descargas masivas en curso; reintente en 5 s/);
    const one = await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?idCfdi=${idCfdi}&representacion=PDF`);
    assert.equal(one.status, 200, 'a single CFDI is not a bulk download');
    assert.equal(one.body.length, PDF_BYTES);
    // Bad parameters are answered before a slot is needed.
    assert.equal((await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=PDF&fechaFinal=2026-02-30`)).status, 400);

    assert.ok((await drain(slow)) > 4 * PDF_BYTES, 'the slow client got the whole ZIP');
    const next = await s.fetch('GET', BULK());
    assert.equal(next.status, 200, 'the slot was released when the first download ended');
    assert.ok(next.body.length > 4 * PDF_BYTES);
  });

  test('a client that goes away mid-download frees its slot', async (t) => {
    const gone = await openPaused(BULK());
    t.after(() => gone.destroy());
    assert.equal(gone.statusCode, 200);
    assert.equal((await s.fetch('GET', BULK())).status, 503);
    gone.destroy();
    // The server learns of the closed socket asynchronously: ask a bounded number of times.
    let status = 503;
    for (let i = 0; i < 100 && status === 503; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await s.fetch('GET', BULK())).status;
    }
    assert.equal(status, 200);
  });
});
