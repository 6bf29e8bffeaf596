import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { createTestPacStamper, generateTestPacCredentials, mexicoCityLocal, type StampMemory } from './index.ts';
import { StampError } from '../stamper.ts';
import { generateTestCsd } from '../../sealing/test-csd.ts';
import { loadCsd, type Csd } from '../../sealing/csd.ts';
import { sealComprobante } from '../../sealing/seal.ts';
import { writeComprobante } from '../../cfdi/xml/write.ts';
import { readComprobante } from '../../cfdi/xml/read.ts';
import { cadenaOriginal, cadenaTfd } from '../../cfdi/cadena.ts';
import { FACTURA_DE_PRUEBA } from './fixture.ts';

const CLOCK = () => new Date('2025-06-01T18:30:05Z');
let pac: { certPem: string; keyPem: string; noCertificado: string };
let csd: Csd;

const doc = FACTURA_DE_PRUEBA;

before(async () => {
  const files = await generateTestCsd({ rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', password: 'p', validFrom: new Date('2025-01-01T00:00:00Z'), validTo: new Date('2029-01-01T00:00:00Z') });
  csd = loadCsd({ ...files, password: 'p' });
  pac = await generateTestPacCredentials();
});

function stampError(e: unknown, code: string): boolean {
  return e instanceof StampError && e.code === code && e.retryable === false;
}

describe('test PAC', () => {
  test('adds a TFD 1.1 to the original text, signed with the test-PAC certificate', async () => {
    const stamper = createTestPacStamper({ ...pac, clock: CLOCK, leyenda: 'Timbrado de prueba sin validez fiscal' });
    const sealed = writeComprobante(sealComprobante(doc, csd));
    const r = await stamper.stamp(sealed);
    assert.equal(r.produccion, false);
    // Byte for byte what was sealed, plus the complement.
    const block = /  <cfdi:Complemento>\n    <tfd:TimbreFiscalDigital [^>]*\/>\n  <\/cfdi:Complemento>\n/;
    assert.match(r.xml, block);
    assert.equal(r.xml.replace(block, ''), sealed);
    const t = r.tfd;
    assert.match(t.UUID, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    assert.equal(t.FechaTimbrado, '2025-06-01T12:30:05'); // Mexico City is UTC−6 (no DST since 2022)
    assert.equal(t.RfcProvCertif, 'SPR190613I52');
    assert.equal(t.NoCertificadoSAT, pac.noCertificado);
    const back = readComprobante(r.xml);
    assert.deepEqual(back.Complemento?.TimbreFiscalDigital, t);
    assert.equal(t.SelloCFD, back.Sello);
    assert.equal(cadenaOriginal(back), cadenaOriginal(readComprobante(sealed)));
    const pub = createPublicKey(stamper.certificatePem());
    assert.ok(verify('sha256', Buffer.from(cadenaTfd(t), 'utf8'), pub, Buffer.from(t.SelloSAT, 'base64')));
    assert.equal(new X509Certificate(stamper.certificatePem()).serialNumber.toUpperCase(), Buffer.from(pac.noCertificado).toString('hex').toUpperCase());
  });

  test('same sealed XML twice → same TFD, across stamper instances sharing the memory', async () => {
    const store = new Map<string, string>();
    const memory: StampMemory = { get: async (k) => store.get(k), putIfAbsent: async (k, v) => (store.has(k) ? store.get(k)! : (store.set(k, v), v)) };
    const sealed = writeComprobante(sealComprobante(doc, csd));
    const a = await createTestPacStamper({ ...pac, clock: CLOCK, memory }).stamp(sealed);
    const b = await createTestPacStamper({ ...pac, clock: () => new Date(), memory }).stamp(sealed);
    assert.deepEqual(b.tfd, a.tfd);
    assert.equal(b.xml, a.xml);
    const s = createTestPacStamper({ ...pac, clock: CLOCK });
    const [c1, c2] = await Promise.all([s.stamp(sealed), s.stamp(sealed)]);
    assert.equal(c1.tfd.UUID, c2.tfd.UUID);
    const other = await s.stamp(writeComprobante(sealComprobante({ ...doc, Folio: '8' }, csd)));
    assert.notEqual(other.tfd.UUID, c1.tfd.UUID);
  });

  test('a first stamp costs the memory one call; a retry refused today (Fecha now past 72 hours) still gets its earlier stamp', async () => {
    const store = new Map<string, string>();
    const calls: string[] = [];
    const memory: StampMemory = {
      get: async (k) => (calls.push('get'), store.get(k)),
      putIfAbsent: async (k, v) => (calls.push('putIfAbsent'), store.has(k) ? store.get(k)! : (store.set(k, v), v)),
    };
    const sealed = writeComprobante(sealComprobante(doc, csd));
    const first = await createTestPacStamper({ ...pac, clock: CLOCK, memory }).stamp(sealed);
    assert.deepEqual(calls, ['putIfAbsent']);
    const later = () => new Date(CLOCK().getTime() + 100 * 3_600_000);
    const again = await createTestPacStamper({ ...pac, clock: later, memory }).stamp(sealed);
    assert.deepEqual(again.tfd, first.tfd);
    assert.equal(again.xml, first.xml);
    // Never stamped: the refusal stands.
    const other = writeComprobante(sealComprobante({ ...doc, Folio: '9' }, csd));
    await assert.rejects(createTestPacStamper({ ...pac, clock: later, memory }).stamp(other), (e) => stampError(e, '401'));
  });

  test('refuses a tampered document (302), malformed XML (301), a stamped one (307), a foreign emisor (303)', async () => {
    const s = createTestPacStamper({ ...pac, clock: CLOCK });
    const sealed = writeComprobante(sealComprobante(doc, csd));
    await assert.rejects(s.stamp(sealed.replace('Total="116.00"', 'Total="117.00"')), (e) => stampError(e, '302'));
    await assert.rejects(s.stamp(sealed.slice(0, 200)), (e) => stampError(e, '301'));
    await assert.rejects(s.stamp(writeComprobante(doc)), (e) => stampError(e, '302'));
    const stamped = await s.stamp(sealed);
    await assert.rejects(s.stamp(stamped.xml), (e) => stampError(e, '307'));
    const foreign = writeComprobante(sealComprobante({ ...doc, Emisor: { ...doc.Emisor, Rfc: 'IIA040805DZ4' } }, csd));
    await assert.rejects(s.stamp(foreign), (e) => stampError(e, '303'));
  });

  // issue 10 item 3: as a PAC does, a Fecha ahead of the clock or more than 72 hours old is refused (401).
  test('refuses a Fecha ahead of its clock or older than 72 hours (401), read in the zone of LugarExpedicion', async () => {
    const s = createTestPacStamper({ ...pac, clock: CLOCK }); // 12:30:05 in Pachuca (42501)
    const at = (Fecha: string, LugarExpedicion = '42501') => s.stamp(writeComprobante(sealComprobante({ ...doc, Fecha, LugarExpedicion, Folio: Fecha }, csd)));
    await assert.rejects(at('2025-06-02T12:30:05'), (e) => stampError(e, '401')); // a day ahead
    await assert.rejects(at('2025-06-01T14:30:05'), (e) => stampError(e, '401')); // two hours ahead
    await assert.rejects(at('2025-05-29T12:30:04'), (e) => stampError(e, '401')); // 72 hours and a second
    await at('2025-05-29T12:30:05'); // exactly 72 hours
    await at('2025-06-01T12:30:05'); // now
    await at('2025-06-01T13:30:05', '77500'); // now in Cancún (UTC−5)
  });

  test('inserts into an existing Complemento and keeps a following Addenda', async () => {
    const s = createTestPacStamper({ ...pac, clock: CLOCK });
    const withPagoLike = sealComprobante(
      { ...doc, Complemento: { otros: [{ name: 'x:Nada', ns: 'urn:x', attrs: [], children: [] }] }, Addenda: [{ name: 'a:B', ns: 'urn:a', attrs: [], children: [] }] },
      csd,
    );
    const sealed = writeComprobante(withPagoLike);
    const r = await s.stamp(sealed);
    const back = readComprobante(r.xml);
    assert.equal(back.Complemento?.otros.length, 1);
    assert.ok(back.Complemento?.TimbreFiscalDigital);
    assert.equal(back.Addenda?.length, 1);
    assert.ok(r.xml.indexOf('tfd:TimbreFiscalDigital') < r.xml.indexOf('</cfdi:Complemento>'));
  });

  test('works on a sealed XML that uses a default namespace instead of the cfdi prefix', async () => {
    const s = createTestPacStamper({ ...pac, clock: CLOCK });
    const sealed = writeComprobante(sealComprobante(doc, csd))
      .replace('xmlns:cfdi=', 'xmlns=')
      .replace(/<(\/?)cfdi:/g, '<$1');
    const r = await s.stamp(sealed);
    assert.match(r.xml, /<Complemento>\n    <tfd:TimbreFiscalDigital xmlns:tfd=/);
    const back = readComprobante(r.xml);
    assert.equal(back.Complemento?.TimbreFiscalDigital?.UUID, r.tfd.UUID);
    assert.equal(cadenaOriginal(back), cadenaOriginal(readComprobante(sealed)));
  });

  test('FechaTimbrado is Mexico City local time', () => {
    assert.equal(mexicoCityLocal(new Date('2025-01-01T05:59:59Z')), '2024-12-31T23:59:59');
    assert.equal(mexicoCityLocal(new Date('2025-07-01T12:00:00Z')), '2025-07-01T06:00:00');
  });
});
