/**
 * PUT /{keyEmpresa}/cfdis and /cfdisPdf64 over real HTTPS (issue 14): the answer waits
 * for the real pipeline (worker thread, test PAC, PDF) and has the GET's shapes; past the
 * configured wait it is 202 EN_PROCESO with an idPeticion the client can poll.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, waitFinal, repoRoot, type TestServer } from './helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s?.close();
});

const json = { 'Content-Type': 'application/json' };
const body = (t: TestServer, archivoFuente = DEMO_DOCUMENT) => JSON.stringify({ idTipoCfd: t.demo.idTipoCfd, idSucursal: t.demo.idSucursal, archivoFuente });

describe('PUT /{keyEmpresa}/cfdis (synchronous)', () => {
  test('200 with the body of the GET of the same peticion', async () => {
    const key = 'sync-200';
    const r = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s), { ...json, 'Idempotency-Key': key });
    assert.equal(r.status, 200, r.body.toString());
    const b = r.json();
    assert.equal(b.status, 'ALMACENADO');
    assert.match(b.uuid, /^[0-9A-F-]{36}$/);
    assert.equal(b.pdf, undefined);
    // The same key on cfdisAsync names the same peticion: its GET answers the same body.
    const id = (await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdisAsync`, body(s), { ...json, 'Idempotency-Key': key })).json().idPeticion;
    assert.deepEqual((await waitFinal(s, id)).json(), b);
  });

  test('cfdisPdf64: the same plus the stored PDF in base64', async () => {
    const r = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdisPdf64`, body(s), json);
    assert.equal(r.status, 200, r.body.toString());
    const b = r.json();
    const pdf = Buffer.from(b.pdf, 'base64');
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const stored = await s.fetch('GET', b.pdfDownload);
    assert.equal(stored.status, 200);
    assert.ok(pdf.equals(stored.body), 'the PDF served by descargasCfdiAsync');
  });

  test('400 with the generation errors of the GET (the seed example: CFDI40108)', async () => {
    const seed = readFileSync(join(repoRoot, 'examples', 'seed-example.txt'), 'utf8');
    const r = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s, seed), json);
    assert.equal(r.status, 400);
    assert.ok(r.json().errors.some((e: string) => e.startsWith('Error CFDI40108\n')), r.body.toString());
  });

  test('the envelope is checked like cfdisAsync: 401, 400 and 409 before anything is queued', async () => {
    const unknown = await s.fetch('PUT', '/985408d8-64ae-48e0-b46c-473b47176205/cfdisPdf64', body(s), json);
    assert.equal(unknown.status, 401);
    const text = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s), { 'Content-Type': 'text/plain' });
    assert.match(text.json().errors[0], /^Error API_CONTENT_TYPE\n/);
    const empty = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s, ' '), json);
    assert.match(empty.json().errors[0], /^Error API_ARCHIVO_VACIO\n/);
    await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s), { ...json, 'Idempotency-Key': 'sync-409' });
    const clash = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`, body(s, `${DEMO_DOCUMENT}\n`), { ...json, 'Idempotency-Key': 'sync-409' });
    assert.equal(clash.status, 409);
  });
});

describe('PUT /{keyEmpresa}/cfdis past the wait', () => {
  let idle: TestServer;
  before(async () => {
    // No worker threads: nothing can end the peticion, so the wait always runs out.
    idle = await startTestServer({ CFDI_WORKERS: '0', CFDI_SYNC_WAIT_MS: '200' });
  });
  after(async () => {
    await idle?.close();
  });

  test('202 EN_PROCESO with the idPeticion, which the GET knows', async () => {
    for (const path of ['cfdis', 'cfdisPdf64']) {
      const r = await idle.fetch('PUT', `/${idle.demo.keyEmpresa}/${path}`, body(idle), json);
      assert.equal(r.status, 202, r.body.toString());
      const b = r.json();
      assert.deepEqual(Object.keys(b), ['status', 'idPeticion']);
      assert.equal(b.status, 'EN_PROCESO');
      const g = await idle.fetch('GET', `/${idle.demo.keyEmpresa}/cfdis/${b.idPeticion}`);
      assert.equal(g.status, 202);
    }
  });
});
