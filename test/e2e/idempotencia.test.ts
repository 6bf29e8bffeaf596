/**
 * Idempotency-Key on PUT …/cfdisAsync over real HTTP (issue 14): a client whose
 * connection drops after the server committed retries and gets the same idPeticion,
 * and exactly one peticion is processed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { request } from 'node:http';
import { startTestServer, waitFinal, type TestServer } from './helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer({ CFDI_TLS: 'off' });
});
after(async () => {
  await s?.close();
});

const body = (archivoFuente = DEMO_DOCUMENT) => JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente });
const put = (b: string, key?: string) =>
  s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdisAsync`, b, { 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }) });
const jobs = async () => {
  const q = await s.server.runtime.queue.stats();
  return q.ready + q.running + q.done + q.dead;
};

/**
 * A TCP relay in front of the server that cuts both sides as soon as the server's
 * answer starts: the server has committed and answered, the client never sees it.
 */
async function droppingRelay(target: number): Promise<{ port: number; answersCut: () => number; close(): Promise<void> }> {
  let cut = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.once('data', () => {
      cut++;
      upstream.destroy();
      client.resetAndDestroy();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    answersCut: () => cut,
    close: () => new Promise<void>((r) => {
      for (const x of sockets) x.destroy();
      server.close(() => r());
    }),
  };
}

function putThrough(port: number, b: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/${s.demo.keyEmpresa}/cfdisAsync`, method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key } }, (res) => resolve(res.statusCode!));
    req.on('error', reject);
    req.end(b);
  });
}

describe('PUT cfdisAsync with Idempotency-Key', () => {
  test('the connection drops after the server committed; the retry gets the same idPeticion and one invoice is made', async () => {
    const before = await jobs();
    const relay = await droppingRelay(Number(new URL(s.baseUrl).port));
    const key = 'pedido-2026-000123';
    try {
      await assert.rejects(putThrough(relay.port, body(), key), /ECONNRESET|socket hang up/);
      assert.equal(relay.answersCut(), 1);
    } finally {
      await relay.close();
    }
    // The server had committed: one job exists although the client got nothing.
    assert.equal(await jobs(), before + 1);
    const r = await put(body(), key);
    assert.equal(r.status, 200, r.body.toString());
    const again = await put(body(), key);
    assert.deepEqual(again.json(), r.json());
    assert.equal(await jobs(), before + 1, 'the retries queued nothing');
    const final = await waitFinal(s, r.json().idPeticion);
    assert.equal(final.status, 200, final.body.toString());
    const cfdis = await s.server.runtime.store.listCfdis({ empresaId: (await s.server.runtime.store.getEmpresaByKey(s.demo.keyEmpresa))!.id, limit: 100 });
    assert.equal(cfdis.filter((c) => c.uuid === final.json().uuid).length, 1);
  });

  test('the same key with another body is a 409 naming the peticion that holds the key', async () => {
    const key = 'k-409';
    const first = await put(body(), key);
    assert.equal(first.status, 200);
    const n = await jobs();
    const other = await put(body(`${DEMO_DOCUMENT}\n`), key);
    assert.equal(other.status, 409, other.body.toString());
    const e: string = other.json().errors[0];
    assert.match(e, /^Error API_IDEMPOTENCY_CONFLICTO\n/);
    assert.ok(e.includes(first.json().idPeticion), e);
    assert.equal(await jobs(), n);
    // JSON spacing and key order are not the body: same fields, same request.
    const reordered = JSON.stringify({ archivoFuente: DEMO_DOCUMENT, idSucursal: s.demo.idSucursal, idTipoCfd: s.demo.idTipoCfd }, null, 2);
    assert.deepEqual((await put(reordered, key)).json(), first.json());
  });

  test('two concurrent PUTs with one key answer one idPeticion', async () => {
    const n = await jobs();
    const rs = await Promise.all(Array.from({ length: 6 }, () => put(body(), 'k-race')));
    assert.deepEqual(rs.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
    assert.equal(new Set(rs.map((r) => r.json().idPeticion)).size, 1);
    assert.equal(await jobs(), n + 1);
  });

  test('without the header every PUT is a new peticion; a malformed key is a 400', async () => {
    const a = await put(body());
    const b = await put(body());
    assert.notEqual(a.json().idPeticion, b.json().idPeticion);
    for (const bad of ['x'.repeat(101), 'ñ-no-ascii', 'tab\tinside']) {
      const r = await put(body(), bad);
      assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.body.toString()}`);
      assert.match(r.json().errors[0], /^Error API_IDEMPOTENCY_KEY\n/);
    }
    assert.equal((await put(body(), 'x'.repeat(100))).status, 200);
  });
});
