/**
 * `cfdi-async empresa rotate-key` as an operator runs it (a real process) against the
 * database of a running server: the old keyEmpresa is refused from then on, the new one
 * reaches the same empresa's documents.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, submit, waitFinal, type TestServer } from '../e2e/helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { runCli } from './run-cli.ts';


let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s?.close();
});

function cli(args: string[]) {
  return runCli(s.dataDir, args);
}

test('rotate-key issues a new keyEmpresa: the old one is 401 on every endpoint, the new one reaches the same CFDIs', async () => {
  const old = s.demo.keyEmpresa;
  const id = await submit(s, DEMO_DOCUMENT);
  const before = await waitFinal(s, id);
  assert.equal(before.status, 200, before.body.toString());

  const r = await cli(['empresa', 'rotate-key', '--empresa', s.demo.rfc, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rfc, s.demo.rfc);
  assert.match(out.keyEmpresa, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(out.keyEmpresa, old);
  const fresh: string = out.keyEmpresa;

  const body = JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT });
  const json = { 'Content-Type': 'application/json' };
  assert.equal((await s.fetch('GET', `/${old}/cfdis/${id}`)).status, 401);
  assert.equal((await s.fetch('PUT', `/${old}/cfdisAsync`, body, json)).status, 401);
  assert.equal((await s.fetch('GET', `/${old}/descargasCfdiAsync?representacion=XML`)).status, 401);

  const after = await s.fetch('GET', `/${fresh}/cfdis/${id}`);
  assert.equal(after.status, 200);
  const a = after.json();
  assert.equal(a.uuid, before.json().uuid);
  assert.ok(a.xmlDownload.startsWith(`/${fresh}/`), 'download links carry the new key');
  assert.equal((await s.fetch('GET', a.xmlDownload)).status, 200);
  assert.equal((await s.fetch('PUT', `/${fresh}/cfdisAsync`, body, json)).status, 200);

  // By the old key the empresa is not found either.
  const again = await cli(['empresa', 'rotate-key', '--empresa', old]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /no empresa with key or RFC/);
});
