/**
 * keyEmpresa never reaches the logs: the service's own pino logger (at trace, so every
 * line fastify or we could write is written), a real HTTP server on loopback, real
 * requests through every path that logs — success, client errors, unmatched routes, a
 * malformed URL, a malformed HTTP request, and a 500 from a closed database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_DOCUMENT, ensureDemoTenant, type DemoTenant } from '../../src/invoicing/demo.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  },
});

let dataDir: string;
let rt: Runtime;
let app: FastifyInstance;
let port: number;
let demo: DemoTenant;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cfdi-keylog-'));
  const config = loadConfig({}, { CFDI_DATA_DIR: dataDir, CFDI_LOG_LEVEL: 'trace', CFDI_TLS: 'off', CFDI_WORKERS: '0' });
  const log = createLogger(config, capture);
  rt = await openRuntime(config, { log });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
  app = await buildApp(rt.deps, { logger: log });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
after(async () => {
  await app?.close();
  await rt?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes that are not HTTP: fastify answers 400 itself and logs the raw packet at trace. */
function sendRaw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => sock.end(text));
    let b = '';
    sock.on('data', (c) => (b += c.toString('latin1')));
    sock.on('close', () => resolve(b));
    sock.on('error', reject);
  });
}

test('no log line holds a keyEmpresa; request URLs are logged with it masked', async () => {
  const k = demo.keyEmpresa;
  const json = { 'Content-Type': 'application/json' };
  const put = await send('PUT', `/${k}/cfdisAsync`, JSON.stringify({ idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: DEMO_DOCUMENT }), json);
  assert.equal(put.status, 200, put.body);
  const id = JSON.parse(put.body).idPeticion;
  const statuses = [
    (await send('GET', `/${k}/cfdis/${id}`)).status,
    (await send('GET', `/${k}/descargasCfdiAsync?representacion=XML`)).status,
    (await send('GET', `/${k}/descargasCfdiAsync?fechaFinal=2026-13-45`)).status,
    (await send('PUT', `/${k}/cfdisAsync`, '{not json', json)).status,
    (await send('PUT', `/${k}/cfdisAsync`, 'x', { 'Content-Type': 'text/plain' })).status,
    (await send('DELETE', `/${k}/cfdisAsync`)).status,
    (await send('GET', `/${k}`)).status,
    (await send('GET', `/${k}/cfdis/%zz`)).status,
    (await send('GET', `/${k}/cfdis/${id}?again=${k}`)).status,
  ];
  assert.deepEqual(statuses, [202, 204, 400, 400, 400, 404, 404, 400, 202]);
  assert.match(await sendRaw(`GET /${k}/cfdisAsync HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n`), /^HTTP\/1.1 400/);

  // A request failing inside: the database is gone (an operator's worst day).
  await rt.store.close();
  const failed = await send('GET', `/${k}/cfdis/${id}`);
  assert.equal(failed.status, 500);

  await new Promise((r) => setImmediate(r));
  const text = lines.join('\n');
  assert.ok(!text.includes(k), `keyEmpresa in the logs:\n${lines.filter((l) => l.includes(k)).join('\n')}`);
  assert.ok(!text.includes(k.slice(0, 13)), 'no prefix of the key either');
  // The URLs were logged (so the check above could fail), masked.
  const logged = lines.map((l) => JSON.parse(l));
  const masked = `/***${k.slice(-4)}/`;
  const urls = logged.filter((l) => typeof l.url === 'string').map((l) => l.url as string);
  assert.ok(urls.includes(`${masked}cfdisAsync`), urls.join('\n'));
  assert.ok(urls.includes(`${masked}cfdis/${id}?again=***${k.slice(-4)}`), 'a key repeated in the query is masked too');
  assert.ok(urls.includes(`${masked}descargasCfdiAsync?fechaFinal=2026-13-45`), urls.join('\n'));
  const error = logged.find((l) => l.msg === 'request failed');
  assert.ok(error, 'the 500 was logged');
  assert.equal(error.url, `${masked}cfdis/${id}`);
  assert.ok(logged.some((l) => l.msg === 'unparseable request' && l.code === 'HPE_INVALID_HEADER_TOKEN'), 'the malformed request was logged, without its bytes');
});
