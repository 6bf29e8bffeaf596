/**
 * Production stamping end to end over HTTPS: the real server and worker thread, an empresa
 * configured for SW Sapien (produccion) and then Finkok (pruebas) pointed at their loopback
 * doubles, the SAT status service's double. `produccion` in the GET body and the links
 * follows the PAC's ambiente; a PAC's refusal reaches the client with the PAC's own code
 * and text; a Fecha past 72 hours ends before any PAC call; estadoSat answers for the
 * empresa's CFDIs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, submit, waitFinal, type TestServer } from './helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { setPac } from '../../src/invoicing/pacs.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { localFecha } from '../../src/cfdi/fecha.ts';
import { startSwDouble, type SwDouble } from '../doubles/sw-double.ts';
import { startFinkokDouble, type FinkokDouble } from '../doubles/finkok-double.ts';
import { startSatEstadoDouble, type SatEstadoDouble } from '../doubles/sat-estado-double.ts';

let s: TestServer;
let sw: SwDouble;
let fk: FinkokDouble;
let sat: SatEstadoDouble;
let uuidSw = '';

before(async () => {
  [sw, fk, sat] = await Promise.all([startSwDouble(), startFinkokDouble(), startSatEstadoDouble()]);
  s = await startTestServer({ CFDI_SAT_ESTADO_URL: sat.url, CFDI_PAC_TIMEOUT_MS: '5000', CFDI_PAC_CONNECT_TIMEOUT_MS: '1000' });
  const rt = s.server.runtime;
  const empresa = (await rt.store.getEmpresaByKey(s.demo.keyEmpresa))!;
  await setPac({ pacs: rt.pacs, secrets: rt.deps.secrets, clock: rt.deps.clock }, empresa, {
    proveedor: 'sw', ambiente: 'produccion', url: sw.url, urlApi: sw.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>',
  });
});
after(async () => {
  await s?.close();
  assert.deepEqual([...sw.violaciones, ...fk.violaciones, ...sat.violaciones], []);
  await Promise.all([sw.close(), fk.close(), sat.close()]);
});

const key = () => s.demo.keyEmpresa;

describe('SW Sapien in produccion', () => {
  test('200 with produccion true in the body and the links; the XML is the one SW stamped', async () => {
    const r = await waitFinal(s, await submit(s, DEMO_DOCUMENT));
    assert.equal(r.status, 200, r.body.toString());
    const b = r.json();
    assert.equal(b.produccion, true);
    assert.match(b.xmlDownload, /[?&]produccion=true(&|$)/);
    assert.match(b.pdfDownload, /[?&]produccion=true(&|$)/);
    uuidSw = b.uuid;
    assert.ok(sw.core.porUuid(uuidSw), 'SW issued that UUID');
    const x = await s.fetch('GET', new URL(b.xmlDownload, s.baseUrl).pathname + new URL(b.xmlDownload, s.baseUrl).search);
    assert.equal(x.status, 200);
    assert.equal(x.body.toString('utf8'), sw.core.porUuid(uuidSw)!.xml);
    // The customid SW received is 64 hex characters (derived from the request).
    assert.match(sw.peticiones.find((p) => p.ruta === '/v4/cfdi33/stamp/v4')!.customid!, /^[0-9a-f]{64}$/);
  });

  test("a PAC's refusal ends in 400 with the PAC's own code and text", async () => {
    sw.respuestas.push({ http: 400, message: '302. Sello mal formado o inválido.' });
    const r = await waitFinal(s, await submit(s, DEMO_DOCUMENT));
    assert.equal(r.status, 400);
    assert.deepEqual(r.json().errors, ['Error 302\nSello mal formado o inválido. :\n Código de error: 302']);
  });

  test('a Fecha past 72 hours ends with GEN_FECHA_VENCIDA before any PAC call', async () => {
    const calls = sw.peticiones.length;
    const old = localFecha(new Date(Date.now() - 73 * 3_600_000), 'America/Mexico_City');
    const r = await waitFinal(s, await submit(s, DEMO_DOCUMENT.replace('|01|1|||', `|01|1|||${old}`)));
    assert.equal(r.status, 400, r.body.toString());
    assert.match(r.json().errors[0], /^Error GEN_FECHA_VENCIDA\nComprobante@Fecha "[^"]+" tiene más de 72 horas/);
    assert.equal(sw.peticiones.length, calls);
  });
});

describe('estadoSat', () => {
  test("the SAT's answer for the empresa's CFDI, asked with re, rr, tt, id and fe", async () => {
    const xml = sw.core.porUuid(uuidSw)!.xml;
    const c = readComprobante(xml);
    const expresion = `?re=${c.Emisor.Rfc}&rr=${c.Receptor.Rfc}&tt=${c.Total}&id=${uuidSw}&fe=${c.Sello!.slice(-8)}`;
    sat.cfdis.set(uuidSw, { expresion, estado: { codigoEstatus: 'S - Comprobante obtenido satisfactoriamente.', estado: 'Vigente',
      esCancelable: 'Cancelable sin aceptación', estatusCancelacion: '' } });
    const r = await s.fetch('GET', `/${key()}/estadoSat?uuid=${uuidSw.toLowerCase()}`);
    assert.equal(r.status, 200, r.body.toString());
    assert.deepEqual(r.json(), { estado: 'Vigente', esCancelable: 'Cancelable sin aceptación', estatusCancelacion: '',
      codigoEstatus: 'S - Comprobante obtenido satisfactoriamente.' });
    assert.equal(sat.expresiones.at(-1), expresion);
  });

  test('a malformed uuid is 400, a UUID the empresa does not have is 404, the SAT failing is 503', async () => {
    const bad = await s.fetch('GET', `/${key()}/estadoSat?uuid=nope`);
    assert.equal(bad.status, 400);
    assert.match(bad.json().errors[0], /^Error API_UUID_INVALIDO\n/);
    const missing = await s.fetch('GET', `/${key()}/estadoSat?uuid=00000000-0000-4000-8000-000000000000`);
    assert.equal(missing.status, 404);
    assert.equal((await s.fetch('GET', `/00000000-0000-4000-8000-000000000000/estadoSat?uuid=${uuidSw}`)).status, 401);
    sat.caido = true;
    try {
      const down = await s.fetch('GET', `/${key()}/estadoSat?uuid=${uuidSw}`);
      assert.equal(down.status, 503);
      assert.match(down.json().errors[0], /^Error SAT_ESTADO_NO_DISPONIBLE\n/);
    } finally {
      sat.caido = false;
    }
  });
});

describe('Finkok in pruebas', () => {
  test('after pac set, the next CFDI is stamped by Finkok with produccion false', async () => {
    const rt = s.server.runtime;
    const empresa = (await rt.store.getEmpresaByKey(key()))!;
    await setPac({ pacs: rt.pacs, secrets: rt.deps.secrets, clock: rt.deps.clock }, empresa, {
      proveedor: 'finkok', ambiente: 'pruebas', url: fk.url, usuario: fk.usuario, password: fk.password,
    });
    await new Promise((r) => setTimeout(r, 5_200)); // the worker re-reads the empresa's PAC every 5 s
    const r = await waitFinal(s, await submit(s, DEMO_DOCUMENT));
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.json().produccion, false);
    assert.match(r.json().xmlDownload, /[?&]produccion=false(&|$)/);
    assert.ok(fk.core.porUuid(r.json().uuid), 'Finkok issued that UUID');
  });
});
