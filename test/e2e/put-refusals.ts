/**
 * The order of a PUT's refusals, asynchronous and synchronous, with and without an
 * Idempotency-Key: 401 API_EMPRESA_DESCONOCIDA, then API_IDEMPOTENCY_KEY, the body
 * (API_CUERPO_INVALIDO, API_ARCHIVO_VACIO, API_ARCHIVO_GRANDE), then API_ID_INVALIDO for
 * the tipo and last for the sucursal; and no refusal queues anything. Issue 17 made the
 * accepted PUT one round trip with the checks inside the store's write; this pins the
 * order it had to keep. Run by the SQLite (api.test.ts) and PostgreSQL (postgres.test.ts) suites.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { createEmpresa, createSucursal, createTipo } from '../../src/invoicing/tenants.ts';
import type { TestServer } from './helpers.ts';

export async function assertPutRefusals(s: TestServer, rfcOtra: string): Promise<void> {
  const { deps, queue, store } = s.server.runtime;
  const otra = await createEmpresa(deps, { rfc: rfcOtra, nombre: 'OTRA EMPRESA', regimenFiscal: '601' });
  const { id: _, empresaId: __, ...tipo } = (await store.getTipo(deps.ids.decode('tipo', s.demo.idTipoCfd)!))!;
  const ajenos = {
    idTipoCfd: deps.ids.encode('tipo', (await createTipo(deps, otra, tipo)).id),
    idSucursal: deps.ids.encode('sucursal', (await createSucursal(deps, otra, { nombre: 'Otra', codigoPostal: '62661' })).id),
  };
  const ok = { idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT };
  const tampered = s.demo.idTipoCfd.slice(0, 31) + (s.demo.idTipoCfd.endsWith('0') ? '1' : '0');
  const K = s.demo.keyEmpresa;
  const U = randomUUID();
  const json = (o: object) => JSON.stringify(o);
  // [keyEmpresa, body, Idempotency-Key, status, the error's code and text]
  const cases: Array<[string, string, string | undefined, number, RegExp]> = [
    [U, json(ok), undefined, 401, /^Error API_EMPRESA_DESCONOCIDA\n/],
    [U, json(ok), 'k-1', 401, /^Error API_EMPRESA_DESCONOCIDA\n/],
    [U, '[]', 'ñ', 401, /^Error API_EMPRESA_DESCONOCIDA\n/],
    [U, json({ ...ajenos, archivoFuente: ' ' }), undefined, 401, /^Error API_EMPRESA_DESCONOCIDA\n/],
    [K, '[]', 'ñ', 400, /^Error API_IDEMPOTENCY_KEY\n/],
    [K, json({ ...ajenos, archivoFuente: 12 }), undefined, 400, /^Error API_CUERPO_INVALIDO\n/],
    [K, json({ ...ajenos, archivoFuente: ' ' }), undefined, 400, /^Error API_ARCHIVO_VACIO\n/],
    [K, json({ ...ajenos, archivoFuente: ' ' }), 'k-2', 400, /^Error API_ARCHIVO_VACIO\n/],
    [K, json({ ...ajenos, archivoFuente: 'x'.repeat(2 * 1024 * 1024 + 1) }), undefined, 400, /^Error API_ARCHIVO_GRANDE\n/],
    [K, json({ ...ok, ...ajenos }), undefined, 400, /^Error API_ID_INVALIDO\nidTipoCfd /],
    [K, json({ ...ok, ...ajenos }), 'k-3', 400, /^Error API_ID_INVALIDO\nidTipoCfd /],
    [K, json({ ...ok, idTipoCfd: tampered, idSucursal: ajenos.idSucursal }), undefined, 400, /^Error API_ID_INVALIDO\nidTipoCfd /],
    [K, json({ ...ok, idSucursal: s.demo.idTipoCfd }), undefined, 400, /^Error API_ID_INVALIDO\nidSucursal /],
    [K, json({ ...ok, idSucursal: ajenos.idSucursal }), undefined, 400, /^Error API_ID_INVALIDO\nidSucursal /],
    [K, json({ ...ok, idSucursal: ajenos.idSucursal }), 'k-4', 400, /^Error API_ID_INVALIDO\nidSucursal /],
    // The demo's own tipo and sucursal under another empresa's key.
    [otra.key, json(ok), undefined, 400, /^Error API_ID_INVALIDO\nidTipoCfd /],
  ];
  const queued = async () => {
    const q = await queue.stats();
    return q.ready + q.running + q.done + q.dead;
  };
  const before = await queued();
  for (const path of ['cfdisAsync', 'cfdis']) {
    for (const [key, body, idempotencyKey, status, error] of cases) {
      const what = `${path} ${key === K ? 'K' : key === U ? 'U' : 'otra'} ${idempotencyKey ?? '-'} ${body.slice(0, 80)}`;
      const r = await s.fetch('PUT', `/${key}/${path}`, body,
        { 'Content-Type': 'application/json', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) });
      assert.equal(r.status, status, `${what}: ${r.body.toString().slice(0, 200)}`);
      assert.match(r.json().errors[0], error, what);
    }
  }
  assert.equal(await queued(), before, 'a refused PUT queues nothing');
}
