/**
 * Conformance against the SAT's own tools: many seeded random documents are completed,
 * sealed, written and stamped by our code, then checked with xmllint (SAT schemas),
 * xsltproc (SAT cadena stylesheets: identical bytes to ours) and openssl (Sello with
 * the emisor certificate, SelloSAT with the test-PAC certificate).
 *
 * A second set (issue 10) goes through the whole service as an integrator sends it
 * (xsa layout → GET): every amount is compared with an independent decimal.js oracle
 * and every refusal with its exact codes (flow.ts), then the same SAT tools run on
 * what was stamped. `npm run bench -- conformance` runs thousands of them.
 */
import { after, before, describe, test } from 'node:test';
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
import { runLayoutFlow, type FlowRun } from './flow.ts';
import { oracleAmounts } from './oracle.ts';
import { execFileAsync, pool, skipReason, xmllintSchema, xsltCadena, xsltTfdCadena } from './support.ts';

const COUNT = Number(process.env.CFDI_CONFORMANCE_DOCS ?? 200);
const SEED = Number(process.env.CFDI_CONFORMANCE_SEED ?? 20250601);
const reason = skipReason();

describe(`conformance with xmllint/xsltproc/openssl (${COUNT} random documents, seed ${SEED})`, () => {
  const docs: ToolDoc[] = [];
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

  satToolTests(() => ({ docs, pacPem }));
});

// ── issue 10 (a10): the whole flow against the independent oracle ──
const FLOW_COUNT = Number(process.env.CFDI_CONFORMANCE_FLOW_DOCS ?? 300);

describe(`the service flow on ${FLOW_COUNT} random layout documents against the decimal.js oracle (seed ${SEED})`, () => {
  let run: FlowRun | undefined;
  before(async () => {
    run = await runLayoutFlow({ count: FLOW_COUNT, seed: SEED });
  });
  after(async () => {
    await run?.close();
  });

  test('the oracle agrees with amounts worked by hand', () => {
    const IVA16 = { impuesto: '002', factor: 'Tasa', tasa: '0.160000' } as const;
    // Issue 10: 10 × 20.00, IEPS 26.5 % → 53.00; IVA on 253.00 → 40.48.
    const a = oracleAmounts([{ cantidad: '10', valorUnitario: '20.00', traslados: [{ impuesto: '003', factor: 'Tasa', tasa: '0.265000' }, IVA16], retenciones: [] }], 2);
    assert.deepEqual(a.conceptos[0].traslados, [{ base: '200.00', importe: '53.00' }, { base: '253.00', importe: '40.48' }]);
    assert.equal(a.total, '293.48');
    // 3 × 20 with IEPS cuota 0.5911 per unit (1.7733 → 1.77), discount 5.00: IVA on 55.00 + 1.77 = 56.77 → 9.08; ISR 10 % of 55.00, IVA withheld 2/3 of 16 % of 56.77.
    const b = oracleAmounts([{ cantidad: '3', valorUnitario: '20', descuento: '5.00', traslados: [{ impuesto: '003', factor: 'Cuota', tasa: '0.591100' }, IVA16], retenciones: [{ impuesto: '001', factor: 'Tasa', tasa: '0.100000' }, { impuesto: '002', factor: 'Tasa', tasa: '0.106667' }] }], 2);
    assert.deepEqual(b.conceptos[0], { importe: '60.00', traslados: [{ base: '3', importe: '1.77' }, { base: '56.77', importe: '9.08' }], retenciones: [{ base: '55.00', importe: '5.50' }, { base: '56.77', importe: '6.06' }] });
    assert.equal(b.total, '54.29'); // 60.00 − 5.00 + 10.85 − 11.56
    // JPY (0 decimals): 3 × 33.5 = 100.5 → 101; IVA 16.16 → 16; an Exento concept has a Base only.
    const c = oracleAmounts([{ cantidad: '3', valorUnitario: '33.5', traslados: [IVA16], retenciones: [] }, { cantidad: '1', valorUnitario: '7', traslados: [{ impuesto: '002', factor: 'Exento' }], retenciones: [] }], 0);
    assert.deepEqual(c.traslados, [{ ...IVA16, base: '101', importe: '16' }, { impuesto: '002', factor: 'Exento', base: '7', importe: undefined }]);
    assert.equal(c.total, '124');
  });

  test('every stamped CFDI carries the oracle amounts and the Serie, Folio, Fecha and text as given; every refusal exactly its codes', () => {
    assert.deepEqual(run!.mismatches.slice(0, 5), [], `${run!.mismatches.length} of ${FLOW_COUNT} documents differ`);
  });

  test('the run covered the mix (each kind of document at least once)', () => {
    const need = ['IEPS + IVA', 'IEPS Cuota', 'Exento', 'retenciones', 'Descuento', '06 declared', '06 absent', '07 declared', '07 absent',
      'totals declared without 06/07', 'SubTotal/Total declared', 'non-BMP text', 'Fecha absent', 'Fecha declared', 'client Serie+Folio',
      'client Folio only', 'client Serie only', 'moneda JPY', 'moneda BHD', 'moneda USD', 'error GEN_FECHA_FUTURA', 'error GEN_FECHA_VENCIDA',
      'error GEN_PAGOS_SIN_COMPLEMENTO', 'error CFDI40205'];
    if (FLOW_COUNT >= 300) need.push('error GEN_FOLIO_DUPLICADO', 'Fecha exactly 72 h old');
    assert.deepEqual(need.filter((f) => !run!.features.has(f)), [], JSON.stringify(Object.fromEntries(run!.features)));
    assert.ok(run!.stamped.length > FLOW_COUNT / 2, `${run!.stamped.length} stamped`);
  });

  satToolTests(() => ({ docs: run!.stamped.map((d) => ({ ...d, pubPem: run!.emisorPem })), pacPem: run!.pacPem }));
});

interface ToolDoc {
  file: string;
  cadena: string;
  tfd: TimbreFiscalDigital;
  pubPem: string;
}

/** xmllint, xsltproc and openssl on stamped files: declared inside a describe, fed once its before() ran. */
function satToolTests(get: () => { docs: ToolDoc[]; pacPem: string }): void {
  test('every document validates against the SAT schemas (CFDI 4.0 + TFD 1.1)', (t) => {
    if (reason) return t.skip(reason);
    const r = xmllintSchema(get().docs.map((d) => d.file));
    assert.deepEqual(r.failed, [], r.output.split('\n').filter((l) => !l.endsWith(' validates')).slice(0, 20).join('\n'));
  });

  test('xsltproc gives our cadena original, byte for byte, before and after the round trip', async (t) => {
    if (reason) return t.skip(reason);
    await pool(get().docs, 8, async (d) => {
      const theirs = await xsltCadena(d.file);
      assert.equal(theirs, d.cadena, d.file);
      writeFileSync(`${d.file}.cadena`, theirs);
    });
    // Our reader on our stamped output gives the same cadena too.
    const { readFileSync } = await import('node:fs');
    for (const d of get().docs) assert.equal(cadenaOriginal(readComprobante(readFileSync(d.file, 'utf8'))), d.cadena, d.file);
  });

  test('xsltproc gives our TFD cadena', async (t) => {
    if (reason) return t.skip(reason);
    await pool(get().docs, 8, async (d) => {
      const theirs = await xsltTfdCadena(d.file);
      assert.equal(theirs, cadenaTfd(d.tfd), d.file);
      writeFileSync(`${d.file}.tfd`, theirs);
    });
  });

  test('openssl verifies every Sello (emisor CSD) and SelloSAT (test-PAC certificate) over the xsltproc cadenas', async (t) => {
    if (reason) return t.skip(reason);
    const { readFileSync } = await import('node:fs');
    await pool(get().docs, 8, async (d) => {
      const xml = readFileSync(d.file, 'utf8');
      const sello = xml.match(/ Sello="([^"]+)"/)![1];
      writeFileSync(`${d.file}.sello`, Buffer.from(sello, 'base64'));
      writeFileSync(`${d.file}.sellosat`, Buffer.from(d.tfd.SelloSAT, 'base64'));
      const a = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', d.pubPem, '-signature', `${d.file}.sello`, `${d.file}.cadena`]);
      assert.equal(a.stdout.trim(), 'Verified OK', d.file);
      const b = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', get().pacPem, '-signature', `${d.file}.sellosat`, `${d.file}.tfd`]);
      assert.equal(b.stdout.trim(), 'Verified OK', d.file);
    });
  });
}
