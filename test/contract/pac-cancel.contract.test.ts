/**
 * The cancellation port's contract (stamping/cancelador.ts), run against every adapter:
 * the offline test PAC's simulated SAT, SW Sapien and Finkok against their doubles (real
 * HTTP on loopback; the doubles' SAT verifies the XML-DSig). Each CFDI is first stamped by
 * the same PAC. A new PAC adds one entry to SUBJECTS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { createSatSimulado } from '../../src/stamping/test-pac/sat.ts';
import { createSwStamper } from '../../src/stamping/sw/index.ts';
import { createSwCancelador } from '../../src/stamping/sw/cancelar.ts';
import { createFinkokStamper } from '../../src/stamping/finkok/index.ts';
import { createFinkokCancelador } from '../../src/stamping/finkok/cancelar.ts';
import type { Stamper } from '../../src/stamping/stamper.ts';
import { PacError, type Cancelador, type RespuestaPac } from '../../src/stamping/cancelador.ts';
import type { Csd } from '../../src/sealing/csd.ts';
import { startSwDouble } from '../doubles/sw-double.ts';
import { startFinkokDouble } from '../doubles/finkok-double.ts';
import { cancelableDe } from '../doubles/pac-core.ts';
import { sealedXml, testCsd } from '../doubles/sealed.ts';
import { solicitud } from '../doubles/cancelacion.ts';

const timeouts = { connectMs: 2_000, totalMs: 10_000 };

interface Subject {
  name: string;
  start(): Promise<{ stamper: Stamper; cancelador: Cancelador; violaciones: () => string[]; recibidas: () => string[]; close(): Promise<void> }>;
}

const SUBJECTS: Subject[] = [
  {
    name: 'test-pac',
    async start() {
      const creds = await generateTestPacCredentials();
      const engine = createTestPacStamper(creds);
      const stamped = new Map<string, string>();
      const memoria = new Map<string, string>();
      const recibidas: string[] = [];
      const sat = createSatSimulado({
        ...creds, clock: () => new Date(),
        memory: { get: async (k) => memoria.get(k), put: async (k, v) => void memoria.set(k, v) },
        comprobante: async (_rfc, uuid) => {
          const xml = stamped.get(uuid);
          return xml ? cancelableDe({ uuid, xml, tfdXml: /<tfd:TimbreFiscalDigital [^>]*\/>/.exec(xml)![0] }) : undefined;
        },
        relacionadosVivos: async () => [],
      });
      const stamper: Stamper = { async stamp(x, o) { const r = await engine.stamp(x, o); stamped.set(r.tfd.UUID, r.xml); return r; } };
      const cancelador: Cancelador = { cancelar: (s) => (recibidas.push(s.xmlFirmado), sat.cancelador.cancelar(s)) };
      return { stamper, cancelador, violaciones: () => [], recibidas: () => recibidas, close: async () => undefined };
    },
  },
  {
    name: 'sw',
    async start() {
      const d = await startSwDouble();
      const o = { url: d.url, urlApi: d.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>', produccion: false, timeouts };
      return { stamper: createSwStamper(o), cancelador: createSwCancelador(o), violaciones: () => d.violaciones, recibidas: () => d.cancelaciones, close: () => d.close() };
    },
  },
  {
    name: 'finkok',
    async start() {
      const d = await startFinkokDouble();
      const o = { url: d.url, usuario: d.usuario, password: d.password, produccion: false, timeouts };
      return {
        stamper: createFinkokStamper(o), cancelador: createFinkokCancelador(o), violaciones: () => d.violaciones,
        recibidas: () => d.cancelaciones.map((c) => c.xml), close: () => d.close(),
      };
    },
  },
];

let csd: Csd;
before(async () => {
  csd = await testCsd();
});

/** A SAT refusal of the UUID, or the PAC's refusal of the request for good: never a cancellation. */
const rehusada = async (p: Promise<RespuestaPac>) => {
  const r = await p.then((x) => x, (e: unknown) => e);
  if (r instanceof PacError) return assert.equal(r.retryable, false, String(r));
  assert.ok(!['201', '202'].includes((r as RespuestaPac).codigo), JSON.stringify(r));
};

for (const s of SUBJECTS) {
  describe(`cancellation port contract: ${s.name}`, () => {
    let subject: Awaited<ReturnType<Subject['start']>>;
    let folio = 900;
    const stamp = async () => (await subject.stamper.stamp(sealedXml(csd, folio++))).tfd.UUID;
    before(async () => {
      subject = await s.start();
    });
    after(async () => {
      await subject.close(); // first: a failed assertion must not leave the double's server keeping the test alive
      assert.deepEqual(subject.violaciones(), [], 'the PAC double saw no protocol violation');
    });

    test('201 for a stamped CFDI, with the signed acuse of that UUID; exactly the signed request reached the PAC', async () => {
      const uuid = await stamp();
      const req = solicitud(csd, uuid);
      const r = await subject.cancelador.cancelar(req);
      assert.equal(r.codigo, '201');
      assert.ok(r.mensaje.length > 0);
      assert.match(r.acuse!, new RegExp(`<Acuse xmlns="http://cancelacfd\\.sat\\.gob\\.mx"[^>]*><Folios><UUID>${uuid}</UUID><EstatusUUID>201</EstatusUUID>[\\s\\S]*<SignatureValue>`));
      assert.equal(subject.recibidas().at(-1), req.xmlFirmado);
      assert.doesNotMatch(subject.recibidas().join(''), /PRIVATE KEY/);
    });

    test('the same request again is harmless: 202', async () => {
      const req = solicitud(csd, await stamp());
      assert.equal((await subject.cancelador.cancelar(req)).codigo, '201');
      assert.equal((await subject.cancelador.cancelar(req)).codigo, '202');
    });

    test('205 for a UUID the SAT does not know', async () => {
      assert.equal((await subject.cancelador.cancelar(solicitud(csd, '00000000-0000-4000-8000-00000000CAFE'))).codigo, '205');
    });

    test('motivo 01 without FolioSustitucion: 208; motivo 02 with one: 209', async () => {
      const uuid = await stamp();
      assert.equal((await subject.cancelador.cancelar(solicitud(csd, uuid, '01'))).codigo, '208');
      assert.equal((await subject.cancelador.cancelar(solicitud(csd, uuid, '02', '00000000-0000-4000-8000-00000000BEEF'))).codigo, '209');
    });

    test('a request whose signature does not verify is never a cancellation', async () => {
      const req = solicitud(csd, await stamp());
      await rehusada(subject.cancelador.cancelar({ ...req, xmlFirmado: req.xmlFirmado.replace('Motivo="02"', 'Motivo="03"') }));
    });
  });
}
