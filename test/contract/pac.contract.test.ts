/**
 * The stamping port's contract, run against every adapter: the offline test PAC, SW
 * Sapien against its double and Finkok against its double (real HTTP on loopback, real
 * stamping and signatures inside the doubles). A new PAC adds one entry to SUBJECTS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { createSwStamper } from '../../src/stamping/sw/index.ts';
import { createFinkokStamper } from '../../src/stamping/finkok/index.ts';
import { StampError, type Stamper } from '../../src/stamping/stamper.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import type { Csd } from '../../src/sealing/csd.ts';
import { startSwDouble, type SwDouble } from '../doubles/sw-double.ts';
import { startFinkokDouble, type FinkokDouble } from '../doubles/finkok-double.ts';
import { sealedXml, testCsd } from '../doubles/sealed.ts';

const timeouts = { connectMs: 2_000, totalMs: 10_000 };

interface Subject {
  name: string;
  produccion: boolean;
  start(): Promise<{ stamper: Stamper; violaciones: () => string[]; uuidsAtPac?: () => number; close(): Promise<void> }>;
}

const SUBJECTS: Subject[] = [
  {
    name: 'test-pac',
    produccion: false,
    async start() {
      return { stamper: createTestPacStamper(await generateTestPacCredentials()), violaciones: () => [], close: async () => undefined };
    },
  },
  {
    name: 'sw',
    produccion: true,
    async start() {
      const d: SwDouble = await startSwDouble();
      const stamper = createSwStamper({ url: d.url, urlApi: d.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>', produccion: true, timeouts });
      return { stamper, violaciones: () => d.violaciones, uuidsAtPac: () => d.core.timbrados.size, close: () => d.close() };
    },
  },
  {
    name: 'finkok',
    produccion: false,
    async start() {
      const d: FinkokDouble = await startFinkokDouble();
      const stamper = createFinkokStamper({ url: d.url, usuario: d.usuario, password: d.password, produccion: false, timeouts,
        recuperacion: { intentos: 3, pausaMs: 10 } });
      return { stamper, violaciones: () => d.violaciones, uuidsAtPac: () => d.core.timbrados.size, close: () => d.close() };
    },
  },
];

let csd: Csd;
before(async () => {
  csd = await testCsd();
});

const refusal = (code: string) => (e: unknown) => e instanceof StampError && e.code === code && e.retryable === false;

for (const s of SUBJECTS) {
  describe(`stamping port contract: ${s.name}`, () => {
    let subject: Awaited<ReturnType<Subject['start']>>;
    before(async () => {
      subject = await s.start();
    });
    after(async () => {
      assert.deepEqual(subject.violaciones(), [], 'the PAC double saw no protocol violation');
      await subject.close();
    });

    test('stamps a sealed CFDI: the TFD seals our Sello, produccion follows the ambiente', async () => {
      const sealed = sealedXml(csd, 1);
      const r = await subject.stamper.stamp(sealed, { clave: 'contrato-1' });
      const back = readComprobante(r.xml);
      assert.match(r.tfd.UUID, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      assert.equal(back.Complemento?.TimbreFiscalDigital?.UUID, r.tfd.UUID);
      assert.equal(back.Complemento?.TimbreFiscalDigital?.SelloSAT, r.tfd.SelloSAT);
      assert.equal(r.tfd.SelloCFD, readComprobante(sealed).Sello);
      assert.equal(r.produccion, s.produccion);
    });

    test('the same sealed bytes again get the same stamp, never a second UUID', async () => {
      const sealed = sealedXml(csd, 2);
      const before = subject.uuidsAtPac?.();
      const a = await subject.stamper.stamp(sealed, { clave: 'contrato-2' });
      const b = await subject.stamper.stamp(sealed, { clave: 'contrato-2' });
      assert.equal(b.tfd.UUID, a.tfd.UUID);
      assert.equal(b.tfd.SelloSAT, a.tfd.SelloSAT);
      if (before !== undefined) assert.equal(subject.uuidsAtPac!(), before + 1);
    });

    test('concurrent attempts with the same bytes end with one UUID', async () => {
      const sealed = sealedXml(csd, 3);
      const rs = await Promise.all(Array.from({ length: 4 }, () => subject.stamper.stamp(sealed, { clave: 'contrato-3' })));
      assert.equal(new Set(rs.map((r) => r.tfd.UUID)).size, 1);
    });

    test('a broken Sello is refused for good with code 302', async () => {
      const sealed = sealedXml(csd, 4).replace(/Sello="([A-Za-z0-9+/])/, (_m, c: string) => `Sello="${c === 'A' ? 'B' : 'A'}`);
      await assert.rejects(subject.stamper.stamp(sealed, { clave: 'contrato-4' }), refusal('302'));
    });

    test('a Fecha older than 72 hours is refused for good with code 401', async () => {
      await assert.rejects(subject.stamper.stamp(sealedXml(csd, 5, 73), { clave: 'contrato-5' }), refusal('401'));
    });
  });
}
