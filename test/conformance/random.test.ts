/**
 * Conformance against the SAT's own tools: many seeded random documents are completed,
 * sealed, written and stamped by our code, then checked with xmllint (SAT schemas),
 * xsltproc (SAT cadena stylesheets: identical bytes to ours) and openssl (Sello with
 * the emisor certificate, SelloSAT with the test-PAC certificate).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { completeComprobante } from '../../src/cfdi/amounts/complete.ts';
import { cadenaOriginal, cadenaTfd } from '../../src/cfdi/cadena.ts';
import { instantOfFecha } from '../../src/cfdi/fecha.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { loadCsd, type Csd } from '../../src/sealing/csd.ts';
import { sealComprobante } from '../../src/sealing/seal.ts';
import { generateTestCsd } from '../../src/sealing/test-csd.ts';
import { createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import type { TimbreFiscalDigital } from '../../src/cfdi/model.ts';
import { MONEDA_DECIMALES, randomDraft, rng } from './random-docs.ts';
import { execFileAsync, pool, skipReason, xmllintSchema, xsltCadena, xsltTfdCadena } from './support.ts';

const COUNT = Number(process.env.CFDI_CONFORMANCE_DOCS ?? 200);
const SEED = Number(process.env.CFDI_CONFORMANCE_SEED ?? 20250601);
const reason = skipReason();

interface Doc {
  file: string;
  cadena: string;
  tfd: TimbreFiscalDigital;
  pubPem: string;
}

describe(`conformance with xmllint/xsltproc/openssl (${COUNT} random documents, seed ${SEED})`, () => {
  const docs: Doc[] = [];
  let dir = '';
  let pacPem = '';

  before(async () => {
    if (reason) return;
    dir = mkdtempSync(join(tmpdir(), 'cfdi-conformance-'));
    const validFrom = new Date('2024-06-01T00:00:00Z');
    const validTo = new Date('2028-06-01T00:00:00Z');
    const emisores = [
      { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
      { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscal: '612' },
    ];
    const csds: Csd[] = [];
    for (const e of emisores) {
      const files = await generateTestCsd({ rfc: e.Rfc, nombre: e.Nombre, password: 'p', validFrom, validTo });
      csds.push(loadCsd({ ...files, password: 'p' }));
    }
    const pems = csds.map((c, i) => {
      const p = join(dir, `emisor-${i}.pem`);
      writeFileSync(p, new X509Certificate(c.cer).publicKey.export({ type: 'spki', format: 'pem' }));
      return p;
    });
    const pac = await generateTestPacCredentials();
    // The PAC stamps each document within the hour after its Fecha (a PAC refuses a Fecha ahead of it or 72 h old).
    let stampAt = new Date('2025-06-01T12:00:00Z');
    const stamper = createTestPacStamper({ ...pac, clock: () => stampAt, leyenda: 'Prueba  sin validez' });
    pacPem = join(dir, 'pac.pem');
    writeFileSync(pacPem, new X509Certificate(pac.certPem).publicKey.export({ type: 'spki', format: 'pem' }));
    const r = rng(SEED);
    for (let k = 0; k < COUNT; k++) {
      const which = Math.floor(r() * emisores.length);
      const draft = randomDraft(r, emisores[which]);
      const sealed = sealComprobante(completeComprobante(draft, { monedaDecimales: (m) => MONEDA_DECIMALES[m] }), csds[which]);
      stampAt = new Date(instantOfFecha(sealed.Fecha, sealed.LugarExpedicion)!.getTime() + Math.floor(r() * 3_600_000));
      const stamped = await stamper.stamp(writeComprobante(sealed));
      const file = join(dir, `doc-${String(k).padStart(4, '0')}.xml`);
      writeFileSync(file, stamped.xml);
      docs.push({ file, cadena: cadenaOriginal(sealed), tfd: stamped.tfd, pubPem: pems[which] });
    }
  });

  test('every document validates against the SAT schemas (CFDI 4.0 + TFD 1.1)', (t) => {
    if (reason) return t.skip(reason);
    const r = xmllintSchema(docs.map((d) => d.file));
    assert.deepEqual(r.failed, [], r.output.split('\n').filter((l) => !l.endsWith(' validates')).slice(0, 20).join('\n'));
  });

  test('xsltproc gives our cadena original, byte for byte, before and after the round trip', async (t) => {
    if (reason) return t.skip(reason);
    await pool(docs, 8, async (d) => {
      const theirs = await xsltCadena(d.file);
      assert.equal(theirs, d.cadena, d.file);
      writeFileSync(`${d.file}.cadena`, theirs);
    });
    // Our reader on our stamped output gives the same cadena too.
    const { readFileSync } = await import('node:fs');
    for (const d of docs) assert.equal(cadenaOriginal(readComprobante(readFileSync(d.file, 'utf8'))), d.cadena, d.file);
  });

  test('xsltproc gives our TFD cadena', async (t) => {
    if (reason) return t.skip(reason);
    await pool(docs, 8, async (d) => {
      const theirs = await xsltTfdCadena(d.file);
      assert.equal(theirs, cadenaTfd(d.tfd), d.file);
      writeFileSync(`${d.file}.tfd`, theirs);
    });
  });

  test('openssl verifies every Sello (emisor CSD) and SelloSAT (test-PAC certificate) over the xsltproc cadenas', async (t) => {
    if (reason) return t.skip(reason);
    const { readFileSync } = await import('node:fs');
    await pool(docs, 8, async (d) => {
      const xml = readFileSync(d.file, 'utf8');
      const sello = xml.match(/ Sello="([^"]+)"/)![1];
      writeFileSync(`${d.file}.sello`, Buffer.from(sello, 'base64'));
      writeFileSync(`${d.file}.sellosat`, Buffer.from(d.tfd.SelloSAT, 'base64'));
      const a = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', d.pubPem, '-signature', `${d.file}.sello`, `${d.file}.cadena`]);
      assert.equal(a.stdout.trim(), 'Verified OK', d.file);
      const b = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', pacPem, '-signature', `${d.file}.sellosat`, `${d.file}.tfd`]);
      assert.equal(b.stdout.trim(), 'Verified OK', d.file);
    });
  });
});
