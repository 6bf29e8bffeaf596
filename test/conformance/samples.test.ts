/**
 * Golden tests on the SAT samples (../shared/sat/samples): our reader + cadena builder
 * must give exactly the cadenas xsltproc gave with the SAT stylesheets; what we write
 * back must validate against the SAT schemas; every Sello must verify.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { verify, X509Certificate } from 'node:crypto';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { cadenaOriginal, cadenaTfd } from '../../src/cfdi/cadena.ts';
import { verifySello, sealComprobante } from '../../src/sealing/seal.ts';
import { checkCsdFor, loadCsd } from '../../src/sealing/csd.ts';
import { AppError } from '../../src/shared/errors.ts';
import { satDir, skipReason, xmllintSchema, xsltCadena } from './support.ts';

const reason = skipReason(['xmllint']);
const sat = satDir();
const samples = reason ? [] : readdirSync(join(sat, 'samples')).filter((f) => f.endsWith('.xml')).sort();

describe('SAT samples (golden)', () => {
  test('the samples are there', (t) => {
    if (reason) return t.skip(reason);
    assert.ok(samples.length >= 11, `found ${samples.length} samples`);
  });

  for (const f of samples) {
    test(`${f}: cadena, TFD cadena, Sello, SelloSAT, round trip`, () => {
      const xml = readFileSync(join(sat, 'samples', f), 'utf8');
      const name = basename(f, '.xml');
      const c = readComprobante(xml);
      assert.equal(cadenaOriginal(c), readFileSync(join(sat, 'samples', 'expected', `${name}.cadena.txt`), 'utf8'));
      const tfdFile = join(sat, 'samples', 'expected', `${name}.tfd-cadena.txt`);
      const tfd = c.Complemento?.TimbreFiscalDigital;
      if (existsSync(tfdFile)) {
        assert.ok(tfd);
        assert.equal(cadenaTfd(tfd), readFileSync(tfdFile, 'utf8'));
        const satCer = join(sat, 'csd', 'sat-tfd-certs', `${tfd.NoCertificadoSAT}.cer`);
        if (existsSync(satCer)) {
          const pub = new X509Certificate(readFileSync(satCer)).publicKey;
          assert.ok(verify('sha256', Buffer.from(cadenaTfd(tfd), 'utf8'), pub, Buffer.from(tfd.SelloSAT, 'base64')), 'SelloSAT verifies');
        }
      } else assert.equal(tfd, undefined);
      assert.ok(verifySello(c), 'Sello verifies with the embedded certificate');
      const again = readComprobante(writeComprobante(c));
      assert.deepEqual(again, c);
    });
  }

  test('everything we write back validates against the SAT schemas (one xmllint run) and gives xsltproc the same cadena', async (t) => {
    if (reason) return t.skip(reason);
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-samples-'));
    const files = samples.map((f) => {
      const p = join(dir, f);
      writeFileSync(p, writeComprobante(readComprobante(readFileSync(join(sat, 'samples', f), 'utf8'))));
      return p;
    });
    const r = xmllintSchema(files);
    assert.deepEqual(r.failed, [], r.output);
    if (skipReason(['xsltproc'])) return;
    for (const f of files) {
      const expected = readFileSync(join(sat, 'samples', 'expected', `${basename(f, '.xml')}.cadena.txt`), 'utf8');
      assert.equal(await xsltCadena(f), expected, f);
    }
  });

  test('sealing the global sample again with the SAT test CSD reproduces its Sello (PKCS#1 v1.5 is deterministic)', (t) => {
    if (reason) return t.skip(reason);
    const dirCsd = join(sat, 'csd', 'EKU9003173C9');
    const csd = loadCsd({
      cer: readFileSync(join(dirCsd, 'EKU9003173C9.cer')),
      key: readFileSync(join(dirCsd, 'EKU9003173C9.key')),
      password: readFileSync(join(dirCsd, 'password.txt'), 'utf8'),
    });
    assert.equal(csd.noCertificado, '30001000000500003416');
    assert.equal(csd.rfc, 'EKU9003173C9');
    for (const f of ['global-informacionglobal-sealed.xml', 'egreso-cfdirelacionados-sealed.xml', 'pago20-sealed.xml', 'ingreso-descuentos-sealed.xml']) {
      const c = readComprobante(readFileSync(join(sat, 'samples', f), 'utf8'));
      const { Sello, ...unsealed } = c;
      assert.equal(sealComprobante(unsealed as typeof c, csd).Sello, Sello, f);
    }
  });

  test('the SAT test CSDs load; the expired one is refused for a current Fecha', (t) => {
    if (reason) return t.skip(reason);
    for (const rfc of ['EKU9003173C9', 'IIA040805DZ4', 'CACX7605101P8', 'expired/XIA190128J61']) {
      const id = rfc.split('/').pop() as string;
      const d = join(sat, 'csd', rfc);
      const csd = loadCsd({ cer: readFileSync(join(d, `${id}.cer`)), key: readFileSync(join(d, `${id}.key`)), password: readFileSync(join(d, 'password.txt'), 'utf8') });
      assert.equal(csd.rfc, id);
      if (rfc.startsWith('expired')) {
        assert.throws(() => checkCsdFor(csd, { rfc: id, fecha: new Date('2025-01-01T00:00:00Z') }), (e) => e instanceof AppError && e.code === 'CSD_VIGENCIA');
      } else checkCsdFor(csd, { rfc: id, fecha: new Date('2025-01-01T00:00:00Z') });
    }
  });
});
