/**
 * Finkok's cancellation against its loopback double (test/doubles/finkok-double.ts):
 * `cancel_signature` on /servicios/soap/cancel with the base64 of the signed XML and
 * store_pending=false, the Folio's EstatusUUID/EstatusCancelacion and the Acuse as
 * received, every row of TABLA_FINKOK_CANCELACION, and no answer left retryable.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFinkokStamper, type FinkokOptions } from './index.ts';
import { createFinkokCancelador } from './cancelar.ts';
import { TABLA_FINKOK_CANCELACION } from './errores.ts';
import type { Clase } from '../clasificacion.ts';
import { StampError } from '../stamper.ts';
import type { Csd } from '../../sealing/csd.ts';
import { startFinkokDouble, type FinkokDouble } from '../../../test/doubles/finkok-double.ts';
import { sealedXml, testCsd } from '../../../test/doubles/sealed.ts';
import { solicitud } from '../../../test/doubles/cancelacion.ts';

let d: FinkokDouble;
let csd: Csd;
let folio = 700;
const timeouts = { connectMs: 1_000, totalMs: 1_500 };

before(async () => {
  [d, csd] = await Promise.all([startFinkokDouble(), testCsd()]);
});
after(async () => {
  await d.close(); // first: a failed assertion must not leave the double's server keeping the test alive
  assert.deepEqual(d.violaciones, []);
});

const opts = (o: Partial<FinkokOptions> = {}): FinkokOptions =>
  ({ url: d.url, usuario: d.usuario, password: d.password, produccion: false, timeouts, ...o });
const stamp = async () => (await createFinkokStamper(opts()).stamp(sealedXml(csd, folio++))).tfd.UUID;

describe('Finkok: cancellation', () => {
  test('201 with EstatusCancelacion and the Acuse as received; the double got the signed XML in base64 and store_pending=false; a repeat is 202', async () => {
    const uuid = await stamp();
    const c = createFinkokCancelador(opts());
    const s = solicitud(csd, uuid);
    const r = await c.cancelar(s);
    assert.equal(r.codigo, '201');
    assert.equal(r.estatusCancelacion, 'Cancelado sin aceptación', 'público en general: no acceptance needed');
    assert.match(r.acuse!, /<Acuse xmlns="http:\/\/cancelacfd\.sat\.gob\.mx"[^>]*><Folios><UUID>[^<]+<\/UUID><EstatusUUID>201<\/EstatusUUID>[\s\S]*<\/Signature><\/Acuse>$/);
    assert.deepEqual(d.cancelaciones.at(-1), { xml: s.xmlFirmado, storePending: 'false' });
    assert.deepEqual(d.peticiones.slice(-1), [{ operacion: 'cancel_signature' }]);
    const again = await c.cancelar(s);
    assert.equal(again.codigo, '202');
    assert.equal(again.estatusCancelacion, 'Cancelado sin aceptación');
  });

  test('the SAT refuses: 205 unknown UUID, no_cancelable with a live related CFDI, 301 tampered signature', async () => {
    const c = createFinkokCancelador(opts());
    assert.equal((await c.cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000001'))).codigo, '205');
    const uuid = await stamp();
    d.core.relacionados.set(uuid, [{ uuid: '00000000-0000-4000-8000-0000000000AA', tipoDeComprobante: 'P', tipoRelacion: 'pago' }]);
    assert.equal((await c.cancelar(solicitud(csd, uuid))).codigo, 'no_cancelable');
    d.core.relacionados.delete(uuid);
    const s = solicitud(csd, uuid);
    assert.equal((await c.cancelar({ ...s, xmlFirmado: s.xmlFirmado.replace('Motivo="02"', 'Motivo="04"') })).codigo, '301');
  });

  test('a SAT code in CodEstatus without Folios is the SAT\'s answer', async () => {
    d.codigosCancelacion.push('205 UUID no encontrado');
    assert.deepEqual(await createFinkokCancelador(opts()).cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000002')), { codigo: '205', mensaje: 'UUID no encontrado' });
  });

  test('wrong credentials: 300, retryable; no answer (connection refused, empty CodEstatus) is retryable', async () => {
    await assert.rejects(createFinkokCancelador(opts({ password: 'otra' })).cancelar(solicitud(csd, await stamp())), (e: unknown) => e instanceof StampError && e.code === '300' && e.retryable);
    await assert.rejects(createFinkokCancelador(opts({ url: 'http://127.0.0.1:1' })).cancelar(solicitud(csd, await stamp())), (e: unknown) => e instanceof StampError && e.retryable);
    d.codigosCancelacion.push('');
    await assert.rejects(createFinkokCancelador(opts()).cancelar(solicitud(csd, await stamp())), (e: unknown) => e instanceof StampError && e.code === 'PAC_NO_DISPONIBLE');
  });
});

/** What each code must mean, written independently of the table so that a changed row fails here. */
const CASOS: Array<[string, Clase]> = [
  ['300', 'reintentable'], ['708', 'reintentable'], ['711', 'permanente'], ['798', 'reintentable'], ['799', 'reintentable'],
];

describe('Finkok: cancellation table (one case per row, through the double)', () => {
  test('every row has its case', () => {
    assert.deepEqual(TABLA_FINKOK_CANCELACION.filas.map((f) => f.codigo), CASOS.map(([c]) => c));
  });
  for (const [codigo, clase] of [...CASOS, ['999', 'reintentable'] as [string, Clase]]) {
    test(`${codigo} → ${clase}`, async () => {
      d.codigosCancelacion.push(`${codigo} Texto de Finkok para ${codigo}`);
      const e = await createFinkokCancelador(opts()).cancelar(solicitud(csd, '00000000-0000-4000-8000-000000000003')).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof StampError, String(e));
      assert.equal(e.code, codigo);
      assert.equal(e.message, `Texto de Finkok para ${codigo}`);
      assert.equal(e.retryable, clase === 'reintentable');
    });
  }
});
