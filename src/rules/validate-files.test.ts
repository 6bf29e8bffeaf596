import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCfdiXml } from './validate-files.ts';
import { MemoryCatalogs } from './testing/memory-catalogs.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sat = join(process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'sat');
const catalogs = new MemoryCatalogs();

test('an unreadable file is one CFDI40999 error', async () => {
  const r = await validateCfdiXml('<factura/>', { catalogs });
  assert.deepEqual(r.errors, ['CFDI40999']);
  assert.match(r.findings[0].detail!, /no es un CFDI 4.0 legible/);
});

test('a stamped CFDI: Sello, SelloCFD and SelloSAT; a tampered document fails its Sello', async (t) => {
  const file = join(sat, 'samples', 'ingreso-real-production-stamped.xml');
  if (!existsSync(file)) return t.skip(`../shared not found: ${file}`);
  const xml = readFileSync(file, 'utf8');
  const pem = readFileSync(join(sat, 'csd', 'sat-tfd-certs', '00001000000708361114.cer')).toString('base64');
  const status = (r: Awaited<ReturnType<typeof validateCfdiXml>>, code: string) => r.findings.find((f) => f.code === code)!.status;

  const ok = await validateCfdiXml(xml, { catalogs, satCertificates: new Map([['00001000000708361114', pem]]) });
  assert.deepEqual(ok.errors, []);
  assert.equal(status(ok, 'CFDI40102'), 'ok');
  assert.equal(status(ok, 'TFD_SELLO_CFD'), 'ok');
  assert.equal(status(ok, 'TFD_SELLO_SAT'), 'ok');

  const noCert = await validateCfdiXml(xml, { catalogs });
  assert.equal(status(noCert, 'TFD_SELLO_SAT'), 'notChecked');

  // Same amounts written differently: every sum still holds, only the seal breaks.
  const tampered = xml.replace(/ Folio="([^"]*)"/, ' Folio="$1X"');
  assert.notEqual(tampered, xml);
  const bad = await validateCfdiXml(tampered, { catalogs, satCertificates: new Map([['00001000000708361114', pem]]) });
  assert.deepEqual(bad.errors, ['CFDI40102']);
});
