/**
 * Cancellation through a real PAC's adapter, end to end over HTTP: an empresa configured
 * with SW Sapien (produccion, its loopback double) stamps, cancels through
 * `POST /{keyEmpresa}/cfdis/cancelar` (SW's signed-XML route), the follow-up job learns
 * the outcome from the SAT status service (its double, answering from SW's SAT), and GET
 * shows it; the acuse served is SW's. Back on the test PAC, a producción CFDI is refused
 * (CAN_PAC_SIN_CANCELACION): the simulated SAT never "cancels" it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { documento, emitir, eventually, startHarness, type Harness } from './harness.ts';
import { setPac } from '../../src/invoicing/pacs.ts';
import { startSwDouble, type SwDouble } from '../doubles/sw-double.ts';
import { startSatEstadoDouble, type SatEstadoDouble } from '../doubles/sat-estado-double.ts';

let h: Harness;
let sw: SwDouble;
let sat: SatEstadoDouble;
const SEED_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/;

before(async () => {
  sw = await startSwDouble();
  sat = await startSatEstadoDouble({ fuente: sw.core.sat.estado });
  h = await startHarness({ offsetMs: 0, env: { CFDI_SAT_ESTADO_URL: sat.url } });
  await pac('sw');
});
after(async () => {
  await h?.close();
  await Promise.all([sw.close(), sat.close()]); // first: a failed assertion must not leave the doubles keeping the test alive
  assert.deepEqual([...sw.violaciones, ...sat.violaciones], []);
});

async function pac(proveedor: 'sw' | 'prueba') {
  const empresa = (await h.rt.store.getEmpresaByKey(h.demo.keyEmpresa))!;
  await setPac({ pacs: h.rt.pacs, secrets: h.rt.deps.secrets, clock: h.rt.deps.clock }, empresa, proveedor === 'sw'
    ? { proveedor, ambiente: 'produccion', url: sw.url, urlApi: sw.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>' }
    : { proveedor });
}
const cancelar = (body: unknown) => h.http('POST', `/${h.demo.keyEmpresa}/cfdis/cancelar`, body);
const get = (idPeticion: string) => h.http('GET', `/${h.demo.keyEmpresa}/cfdis/${idPeticion}`).then((r) => r.json());

describe('cancellation through SW Sapien', () => {
  test('stamp → cancel → SW answers 201 → the SAT status makes it CANCELADO → GET and the ACUSE show it', async () => {
    const a = await emitir(h, documento('SW-1', { importe: '500.00' }));
    assert.equal(a.body.produccion, true);
    assert.ok(sw.core.porUuid(a.body.uuid), 'SW stamped it');
    const r = await cancelar({ motivo: '02', folioSustitucion: '', uuid: [a.body.uuid] });
    assert.equal(r.status, 200, r.body.toString());
    assert.deepEqual(r.json(), [{ uuid: a.body.uuid, status: '201', mensaje: 'Solicitud de cancelación recibida' }]);
    // SW received the signed request for that UUID, through the signed-XML route.
    assert.equal(sw.cancelaciones.length, 1);
    assert.match(sw.cancelaciones[0], new RegExp(`<Folio Motivo="02" UUID="${a.body.uuid}"></Folio>`));
    assert.ok(sw.peticiones.some((p) => p.ruta === '/cfdi33/cancel/xml'));
    const g = await eventually('CANCELADO', async () => { const x = await get(a.idPeticion); return x.status === 'CANCELADO' && x; });
    assert.match(g.fechaCancelacion, SEED_DATE);
    assert.ok(sat.expresiones.some((e) => e.includes(`&id=${a.body.uuid}`)), 'the follow-up asked the SAT status service');
    const acuse = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${a.body.uuid}&representacion=ACUSE`);
    assert.equal(acuse.status, 200);
    assert.match(acuse.body.toString(), new RegExp(`<UUID>${a.body.uuid}</UUID><EstatusUUID>201</EstatusUUID>`));
    // A repeat answers what was recorded (the SAT's latest word); SW is not asked again.
    assert.deepEqual((await cancelar({ motivo: '02', uuid: [a.body.uuid] })).json(), [{ uuid: a.body.uuid, status: '201', mensaje: 'Cancelado: Cancelado sin aceptación' }]);
    assert.equal(sw.cancelaciones.length, 1);
  });

  test('back on the test PAC, a producción CFDI is refused with CAN_PAC_SIN_CANCELACION and nothing is asked', async () => {
    const b = await emitir(h, documento('SW-2', { importe: '500.00' }));
    assert.equal(b.body.produccion, true);
    await pac('prueba');
    try {
      const r = await cancelar({ motivo: '02', uuid: [b.body.uuid] });
      assert.equal(r.status, 200);
      assert.equal(r.json()[0].status, 'CAN_PAC_SIN_CANCELACION');
      assert.match(r.json()[0].mensaje, /producción.*PAC de pruebas/);
      assert.equal((await get(b.idPeticion)).status, 'ALMACENADO');
      assert.equal(sw.cancelaciones.length, 1);
    } finally {
      await pac('sw');
    }
  });
});
