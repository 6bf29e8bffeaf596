/**
 * Issue 14 on PostgreSQL through the real server (worker threads, each with its own
 * connections): the synchronous PUT is woken by NOTIFY from another connection, and
 * concurrent PUTs with one Idempotency-Key make one peticion; a PUT's refusals keep their order. Skipped without CFDI_TEST_PG_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers.ts';
import { assertPutRefusals } from './put-refusals.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { postgresSchema } from '../contract/env.ts';

const PG_URL = process.env.CFDI_TEST_PG_URL;

describe('issue 14 on PostgreSQL', { skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set: PostgreSQL e2e skipped' }, () => {
  let s: TestServer;
  let schema: ReturnType<typeof postgresSchema> | undefined;
  before(async () => {
    schema = postgresSchema('cfdi_e2e');
    s = await startTestServer({ CFDI_DATABASE_URL: schema.url, CFDI_TLS: 'off' });
  });
  after(async () => {
    await s?.close();
    await schema?.drop();
  });

  const put = (path: string, key?: string) => s.fetch('PUT', `/${s.demo.keyEmpresa}/${path}`,
    JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT }),
    { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) });

  test('PUT cfdisPdf64 answers 200 with the CFDI and its PDF', async () => {
    const r = await put('cfdisPdf64');
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.json().status, 'ALMACENADO');
    assert.equal(Buffer.from(r.json().pdf, 'base64').subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('PUT refusals keep their order (the accepted PUT checks inside its one statement); none queues anything', async () => {
    await assertPutRefusals(s, 'MAS0810247C0');
  });

  test('concurrent PUTs with one key: one idPeticion, one job', async () => {
    const q0 = await s.server.runtime.queue.stats();
    const rs = await Promise.all(Array.from({ length: 8 }, () => put('cfdisAsync', 'pg-race')));
    assert.deepEqual(rs.map((r) => r.status), Array(8).fill(200));
    assert.equal(new Set(rs.map((r) => r.json().idPeticion)).size, 1);
    const q1 = await s.server.runtime.queue.stats();
    const total = (q: typeof q0) => q.ready + q.running + q.done + q.dead;
    assert.equal(total(q1), total(q0) + 1);
  });
});
