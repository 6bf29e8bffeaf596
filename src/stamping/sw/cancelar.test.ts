/**
 * SW Sapien's cancellation against its loopback double (test/doubles/sw-double.ts): the
 * signed XML through `POST /cfdi33/cancel/xml` with the stamping token, the SAT's answer
 * per UUID with the acuse as received, a SAT code in an error message read as an answer,
 * every row of TABLA_SW_CANCELACION, and no answer at all left retryable.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSwStamper, type SwOptions } from './index.ts';
import { createSwCancelador } from './cancelar.ts';
import { TABLA_SW_CANCELACION } from './errores.ts';
import type { Clase } from '../clasificacion.ts';
import { StampError } from '../stamper.ts';
import type { Csd } from '../../sealing/csd.ts';
import { startSwDouble, type SwDouble } from '../../../test/doubles/sw-double.ts';
import { sealedXml, testCsd } from '../../../test/doubles/sealed.ts';
import { solicitud } from '../../../test/doubles/cancelacion.ts';

let d: SwDouble;
let csd: Csd;
let folio = 500;
const timeouts = { connectMs: 1_000, totalMs: 1_500 };

before(async () => {
  [d, csd] = await Promise.all([startSwDouble(), testCsd()]);
});
after(async () => {
  await d.close(); // first: a failed assertion must not leave the double's server keeping the test alive
  assert.deepEqual(d.violaciones, []);
});

const opts = (o: Partial<SwOptions> = {}): SwOptions =>
  ({ url: d.url, urlApi: d.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>', produccion: false, timeouts, ...o });
const stamp = async () => (await createSwStamper(opts()).stamp(sealedXml(csd, folio++))).tfd.UUID;

describe('SW Sapien: cancellation', () => {
  test('201 with the acuse as SW sent it; the double got exactly the signed XML (and a token); a repeat is 202', async () => {
    const uuid = await stamp();
    const c = createSwCancelador(opts());
    const s = solicitud(csd, uuid);
    const r = await c.cancelar(s);
    assert.equal(r.codigo, '201');
    assert.equal(r.mensaje, 'Solicitud de cancelación recibida');
    assert.match(r.acuse!, /^<\?xml[^>]*>\n<Acuse xmlns="http:\/\/cancelacfd\.sat\.gob\.mx"[^>]*><Folios><UUID>[^<]+<\/UUID><EstatusUUID>201<\/EstatusUUID>/);
    assert.equal(d.cancelaciones.at(-1), s.xmlFirmado);
    assert.equal(d.peticiones.at(-1)!.ruta, '/cfdi33/cancel/xml');
    assert.equal((await c.cancelar(s)).codigo, '202');
    assert.ok(!d.peticiones.some((p) => /\/cancel\/(csd|pfx)/.test(p.ruta)), 'never the routes that take the key');
  });

  test('the SAT refuses: 205 for a UUID it does not know, 301 for a tampered signature', async () => {
    const c = createSwCancelador(opts());
    assert.equal((await c.cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000001'))).codigo, '205');
    const uuid = await stamp();
    const s = solicitud(csd, uuid);
    const r = await c.cancelar({ ...s, xmlFirmado: s.xmlFirmado.replace('Motivo="02"', 'Motivo="03"') });
    assert.equal(r.codigo, '301');
  });

  test('a revoked token: the cancel call authenticates again once and is answered', async () => {
    const uuid = await stamp();
    d.revocar();
    assert.equal((await createSwCancelador(opts()).cancelar(solicitud(csd, uuid))).codigo, '201');
  });

  test('an error whose message starts with a SAT code is the SAT\'s answer, with SW\'s text', async () => {
    d.respuestasCancelacion.push({ http: 400, message: '205 - UUID No encontrado.' });
    const r = await createSwCancelador(opts()).cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000002'));
    assert.deepEqual(r, { codigo: '205', mensaje: 'UUID No encontrado' });
  });

  test('no answer (500, unknown shape, connection refused) is retryable', async () => {
    const uuid = await stamp();
    d.core.fallas.push('error500');
    await assert.rejects(createSwCancelador(opts()).cancelar(solicitud(csd, uuid)), (e: unknown) => e instanceof StampError && e.retryable && e.code === 'PAC_NO_DISPONIBLE');
    assert.equal((await createSwCancelador(opts()).cancelar(solicitud(csd, uuid))).codigo, '201', 'the same request, sent again, is answered');
    await assert.rejects(createSwCancelador(opts({ url: 'http://127.0.0.1:1' })).cancelar(solicitud(csd, uuid)), (e: unknown) => e instanceof StampError && e.retryable);
  });
});

/** What each code must mean, written independently of the table so that a changed row fails here. */
const CASOS: Array<[string, Clase]> = [
  ['300', 'reintentable'], ['301', 'permanente'], ['302', 'permanente'], ['304', 'permanente'], ['305', 'permanente'],
  ['309', 'permanente'], ['310', 'permanente'], ['311', 'permanente'], ['312', 'permanente'],
];

describe('SW Sapien: cancellation table (one case per row, through the double)', () => {
  test('every row has its case', () => {
    assert.deepEqual(TABLA_SW_CANCELACION.filas.map((f) => f.codigo), CASOS.map(([c]) => c));
  });
  for (const [codigo, clase] of [...CASOS, ['CA999', 'reintentable'] as [string, Clase]]) {
    test(`${codigo} → ${clase}`, async () => {
      d.respuestasCancelacion.push({ http: 400, message: `${codigo} - Texto de SW para ${codigo}.` });
      const e = await createSwCancelador(opts()).cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000003')).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof StampError, String(e));
      assert.equal(e.code, codigo);
      assert.equal(e.message, `Texto de SW para ${codigo}`);
      assert.equal(e.retryable, clase === 'reintentable');
    });
  }
});
