/**
 * Every document in examples/ through the whole pipeline: layout connector → amounts
 * engine → seal (generated test CSD) → stamp (test PAC) → render, then pdftotext and a
 * QR decode check the printed representation. Fixed clock; no ../shared needed.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getConnector } from '../layout/registry.ts';
import { legacyFacturaDefaults } from '../layout/xsa/defaults.ts';
import { testContext } from '../layout/testing.ts';
import { completeComprobante } from '../cfdi/amounts/complete.ts';
import { monedaDecimales } from '../catalogs/index.ts';
import { generateTestCsd } from '../sealing/test-csd.ts';
import { loadCsd, type Csd } from '../sealing/csd.ts';
import { sealComprobante } from '../sealing/seal.ts';
import { createTestPacStamper, generateTestPacCredentials } from '../stamping/test-pac/index.ts';
import { writeComprobante } from '../cfdi/xml/write.ts';
import { readComprobante } from '../cfdi/xml/read.ts';
import type { Stamper } from '../stamping/stamper.ts';
import { buildViewModel } from './view-model.ts';
import { createPdfRenderer } from './pool.ts';
import { TEMPLATES } from './templates/index.ts';
import { decodeQr, missingData, missingPdfTools, pdfText } from './testing/pdf-check.ts';

const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
// The seed's own example is rejected by the SAT rules (CFDI40108, see layout/examples.test.ts):
// it never reaches stamping, so it has no printed representation.
const files = readdirSync(dir).filter((f) => /\.(txt|json)$/.test(f) && f !== 'seed-example.txt').sort();
const tools = missingPdfTools();
const EMISOR = { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' };

describe('examples/ end to end: layout → complete → seal → stamp → render', () => {
  let csd: Csd;
  let stamper: Stamper;
  before(async () => {
    const password = '12345678a';
    const { cer, key } = await generateTestCsd({
      rfc: EMISOR.Rfc, nombre: EMISOR.Nombre, password,
      validFrom: new Date('2020-01-01T00:00:00Z'), validTo: new Date('2035-01-01T00:00:00Z'),
    });
    csd = loadCsd({ cer, key, password });
    const pac = await generateTestPacCredentials();
    stamper = createTestPacStamper({ ...pac, clock: () => new Date('2026-11-23T18:05:00Z') });
  });

  test('there are examples', () => assert.ok(files.length >= 5, files.join(',')));

  for (const [i, file] of files.entries()) {
    test(file, async (t) => {
      const connector = getConnector(file.endsWith('.json') ? 'json' : 'xsa')!;
      const r = await connector.parse(readFileSync(dir + file, 'utf8'), testContext({ defaults: legacyFacturaDefaults }));
      if (!r.ok) return assert.fail(r.errors.map((e) => e.message).join('\n'));
      const completed = completeComprobante(
        { ...r.draft, Fecha: r.draft.Fecha ?? '2026-11-23T12:00:00', LugarExpedicion: '42501', Emisor: EMISOR },
        { monedaDecimales },
      );
      const stamped = await stamper.stamp(writeComprobante(sealComprobante(completed, csd)));
      const comprobante = readComprobante(stamped.xml);
      const template = Object.keys(TEMPLATES)[i % Object.keys(TEMPLATES).length];
      const input = { comprobante, printed: r.printed, branding: { template, color: '#7a1f5c' } };
      const renderer = createPdfRenderer({ threads: 0 });
      const pdf = await renderer.render(input);
      await renderer.close();
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      if (tools) return t.skip(tools);
      const view = buildViewModel(input);
      assert.equal(view.timbre?.uuid, stamped.tfd.UUID);
      const text = pdfText(pdf);
      assert.deepEqual(missingData(view, text), [], `${file} (${template})`);
      for (const k of comprobante.Conceptos) assert.ok(text.includes(k.Descripcion.replace(/\s+/g, ' ').trim().slice(0, 30)), k.Descripcion);
      assert.deepEqual(decodeQr(pdf), [view.qrUrl]);
    });
  }
});
