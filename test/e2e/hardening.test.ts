/**
 * Issue 16 over real HTTPS on loopback: no client input is a 500, and download answers
 * say what they mean (400 names the bad parameter, 404 no such document, 204 a filter
 * that matched nothing).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tlsConnect } from 'node:tls';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { startTestServer, submit, waitFinal, type TestServer } from './helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { createEmpresa } from '../../src/invoicing/tenants.ts';

let s: TestServer;
/** The GET answer of a CFDI stored by the demo empresa. */
let stored: any;
before(async () => {
  s = await startTestServer();
  const r = await waitFinal(s, await submit(s, DEMO_DOCUMENT));
  assert.equal(r.status, 200, r.body.toString());
  stored = r.json();
});
after(async () => {
  await s?.close();
});

/** The client text of the first error of a seed-shaped error body. */
function firstError(r: { body: Buffer; json(): any }): string {
  const b = r.json();
  assert.ok(Array.isArray(b.errors), r.body.toString());
  return b.errors[0];
}

describe('descargasCfdiAsync dates', () => {
  test('every impossible date is 400 naming the parameter and why', async () => {
    const k = s.demo.keyEmpresa;
    const cases: Array<[query: string, param: string, why: RegExp]> = [
      ['fechaFinal=2026-13-45', 'fechaFinal', /mes/],
      ['fechaFinal=0000-00-00', 'fechaFinal', /año/],
      ['fechaFinal=2026-00-10', 'fechaFinal', /mes/],
      ['fechaInicial=2026-13-45', 'fechaInicial', /mes/],
      ['fechaFinal=2026-02-30', 'fechaFinal', /día/],
      ['fechaInicial=2025-02-29', 'fechaInicial', /día/],
      ['fechaInicial=2026-04-31&representacion=XML', 'fechaInicial', /día/],
      ['fechaFinal=2026-01-01T24:00:00', 'fechaFinal', /hora/],
      ['fechaInicial=2026-01-01T10:00', 'fechaInicial', /formato/],
      ['fechaInicial=2026-03-02&fechaFinal=2026-03-01', 'fechaInicial', /posterior a fechaFinal/],
    ];
    for (const [query, param, why] of cases) {
      const r = await s.fetch('GET', `/${k}/descargasCfdiAsync?${query}`);
      assert.equal(r.status, 400, `${query}: ${r.status} ${r.body.toString()}`);
      const e = firstError(r);
      assert.match(e, /^Error API_PARAMETROS_DESCARGA\n/, query);
      assert.ok(e.includes(param), `${query}: ${e}`);
      assert.match(e, why, query);
    }
  });

  test('valid dates still filter: a bare final date includes its day; the last day of 9999 bounds nothing', async () => {
    const k = s.demo.keyEmpresa;
    const day = stored.fecha.slice(0, 10);
    const zip = (q: string) => s.fetch('GET', `/${k}/descargasCfdiAsync?representacion=XML&${q}`);
    assert.equal((await zip(`fechaInicial=${day}&fechaFinal=${day}`)).status, 200);
    assert.equal((await zip(`fechaInicial=${day} 00:00:00&fechaFinal=${day}T23:59:59`.replace(' ', '%20'))).status, 200);
    assert.equal((await zip('fechaFinal=9999-12-31')).status, 200);
    assert.equal((await zip('fechaInicial=2999-01-01')).status, 204);
    assert.equal((await zip('fechaFinal=2024-02-29')).status, 204);
  });
});

describe('4xx raised by fastify or a plugin keep their status', () => {
  test('paths outside /docs/static are 403, a malformed URL 400, an unsatisfiable range 416; all in the seed error shape', async () => {
    const cases: Array<[method: string, path: string, status: number, headers?: Record<string, string>]> = [
      ['GET', '/docs/static/../../../../etc/passwd', 403],
      ['GET', '/docs/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 403],
      ['HEAD', '/docs/static/../../../../etc/passwd', 403],
      ['GET', `/${s.demo.keyEmpresa}/cfdis/%zz`, 400],
      ['GET', '/%', 400],
      ['GET', '/docs/static/swagger-ui.css', 416, { Range: 'bytes=99999999-' }],
    ];
    for (const [method, path, status, headers] of cases) {
      const r = await s.fetch(method, path, undefined, headers);
      assert.equal(r.status, status, `${method} ${path}: ${r.status} ${r.body.toString()}`);
      if (method === 'HEAD') continue;
      const e = firstError(r);
      assert.match(e, /^Error API_SOLICITUD_RECHAZADA\nLa solicitud fue rechazada: 4\d\d /, e);
      assert.doesNotMatch(e, /node_modules|\/work\/|\bat \w/, 'no path or stack in the body');
    }
  });
});

describe('downloads by idCfdi or uuid', () => {
  const NOT_FOUND = { status: 'DOCUMENTO_NO_ENCONTRADO' };
  /** A second empresa, to ask for the demo empresa's CFDI with another credential. */
  let otherKey: string;
  before(async () => {
    const rt = s.server.runtime;
    otherKey = (await createEmpresa(rt.deps, { rfc: 'AAA010101AAA', nombre: 'OTRA EMPRESA', regimenFiscal: '601' })).key;
  });

  test('an unknown or foreign idCfdi or uuid is 404 DOCUMENTO_NO_ENCONTRADO, the same answer for both', async () => {
    const k = s.demo.keyEmpresa;
    const ids = s.server.runtime.deps.ids;
    const cases: Array<[key: string, query: string]> = [
      [k, `idCfdi=${ids.encode('cfdi', 987_654)}`],
      [k, `idCfdi=${ids.encode('cfdi', 987_654)}&representacion=XML`],
      [k, 'uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1'],
      [k, 'uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1&representacion=PDF&produccion=false'],
      [otherKey, `idCfdi=${stored.idCfd}`],
      [otherKey, `idCfdi=${stored.idCfd}&produccion=false&representacion=XML`],
      [otherKey, `uuid=${stored.uuid}`],
      [otherKey, `uuid=${stored.uuid.toLowerCase()}&representacion=XML`],
      // Both given but naming different CFDIs.
      [k, `idCfdi=${stored.idCfd}&uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1`],
    ];
    for (const [key, query] of cases) {
      const r = await s.fetch('GET', `/${key}/descargasCfdiAsync?${query}`);
      assert.equal(r.status, 404, `${key === k ? 'own' : 'foreign'} ${query}: ${r.status}`);
      assert.deepEqual(r.json(), NOT_FOUND);
    }
  });

  test('the CFDI itself still downloads; 204 only when a filter (produccion) is unmet', async () => {
    const k = s.demo.keyEmpresa;
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?uuid=${stored.uuid.toLowerCase()}&representacion=XML`)).status, 200);
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?idCfdi=${stored.idCfd}&uuid=${stored.uuid}&representacion=XML`)).status, 200);
    const unmet = await s.fetch('GET', `/${k}/descargasCfdiAsync?idCfdi=${stored.idCfd}&produccion=true&representacion=XML`);
    assert.equal(unmet.status, 204);
    assert.equal(unmet.body.length, 0);
  });
});

describe('requests fastify cannot route', () => {
  /** Raw bytes in, raw answer out (a socket, since no HTTP client sends these). */
  function raw(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const u = new URL(s.baseUrl);
      const sock = tlsConnect({ host: '127.0.0.1', port: Number(u.port), rejectUnauthorized: false }, () => sock.write(text));
      let b = '';
      sock.on('data', (c) => (b += c.toString('utf8')));
      sock.on('close', () => resolve(b));
      sock.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve(b) : reject(e)));
    });
  }

  test('headers over 16 KB and a malformed request line: 431/400 in the seed shape with Connection: close', async () => {
    const long = await raw(`GET /${s.demo.keyEmpresa}/cfdis/x?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(long, /^HTTP\/1.1 431 Request Header Fields Too Large\r\n/);
    assert.match(long, /\r\nConnection: close\r\n/i, 'a keep-alive client must not reuse this socket');
    const body = JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4));
    assert.match(body.errors[0], /^Error API_SOLICITUD_RECHAZADA\nLa solicitud fue rechazada: 431 /);
    const bad = await raw('GARBAGE\r\n\r\n');
    assert.match(bad, /^HTTP\/1.1 400 Bad Request\r\n/);
    assert.match(bad, /\r\nConnection: close\r\n/i);
  });

  test('a keep-alive client goes on after a 431 (its next request is not sent down the closed socket)', async () => {
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
    const u = new URL(s.baseUrl);
    const get = (path: string) => new Promise<number>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: u.port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject);
      req.end();
    });
    try {
      assert.equal(await get(`/health?q=${'a'.repeat(20_000)}`), 431);
      assert.equal(await get('/health'), 200);
    } finally {
      agent.destroy();
    }
  });
});
