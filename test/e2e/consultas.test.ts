/**
 * The seed family's look-ups and synchronous download over real HTTPS (issue 14):
 * GET tiposCfds, GET cfdis?uuid=|folioEspecifico=&serie=, GET descargasCfdi, against
 * CFDIs made by the real pipeline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers.ts';
import { readZip } from './zip.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { createEmpresa } from '../../src/invoicing/tenants.ts';

let s: TestServer;
/** The 200 bodies of three CFDIs, in folio order. */
const made: any[] = [];
let foreignKey: string;

before(async () => {
  s = await startTestServer();
  for (let i = 0; i < 3; i++) {
    const r = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdis`,
      JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT }), { 'Content-Type': 'application/json' });
    assert.equal(r.status, 200, r.body.toString());
    made.push(r.json());
  }
  foreignKey = (await createEmpresa(s.server.runtime.deps, { rfc: 'AAA010101AAA', nombre: 'OTRA', regimenFiscal: '601' })).key;
});
after(async () => {
  await s?.close();
});

const get = (path: string) => s.fetch('GET', `/${s.demo.keyEmpresa}/${path}`);
const name = (c: any, ext: string) => `${c.serie}-${c.folio}.${ext}`;
const errorOf = (r: { json(): any }) => r.json().errors[0] as string;

describe('GET /{keyEmpresa}/tiposCfds', () => {
  test('lists the ids a client sends, with code, name, serie and TipoDeComprobante', async () => {
    const r = await get('tiposCfds');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), [{
      id: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, sucursal: 'Matriz', codigo: 'FAC', nombre: 'Factura', serie: 'F', tipoDeComprobante: 'I',
    }]);
    assert.deepEqual((await s.fetch('GET', `/${foreignKey}/tiposCfds`)).json(), [], 'another empresa sees none of them');
    assert.equal((await s.fetch('GET', '/985408d8-64ae-48e0-b46c-473b47176205/tiposCfds')).status, 401);
  });
});

describe('GET /{keyEmpresa}/cfdis?…', () => {
  test('by uuid and by folioEspecifico (with or without serie): the GET body of that CFDI', async () => {
    const c = made[1];
    assert.equal(c.serie, 'F');
    for (const q of [`uuid=${c.uuid}`, `uuid=${c.uuid.toLowerCase()}`, `folioEspecifico=${c.folio}&serie=F`, `folioEspecifico=${c.folio}`]) {
      const r = await get(`cfdis?${q}`);
      assert.equal(r.status, 200, q);
      assert.deepEqual(r.json(), c, q);
    }
  });

  test('404 DOCUMENTO_NO_ENCONTRADO for an unknown one or another empresa\'s', async () => {
    for (const q of ['folioEspecifico=999999', `folioEspecifico=${made[0].folio}&serie=Z`, 'uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1']) {
      const r = await get(`cfdis?${q}`);
      assert.equal(r.status, 404, q);
      assert.deepEqual(r.json(), { status: 'DOCUMENTO_NO_ENCONTRADO' });
    }
    const foreign = await s.fetch('GET', `/${foreignKey}/cfdis?uuid=${made[0].uuid}`);
    assert.equal(foreign.status, 404);
  });

  test('400 API_PARAMETROS_CONSULTA for missing or malformed parameters; 401 for an unknown key', async () => {
    for (const q of ['', '?serie=F', '?folioEspecifico=abc', '?folioEspecifico=-1', '?uuid=xyz']) {
      const r = await get(`cfdis${q}`);
      assert.equal(r.status, 400, q);
      assert.match(errorOf(r), /^Error API_PARAMETROS_CONSULTA\n/, q);
    }
    assert.equal((await s.fetch('GET', `/985408d8-64ae-48e0-b46c-473b47176205/cfdis?uuid=${made[0].uuid}`)).status, 401);
  });
});

describe('GET /{keyEmpresa}/descargasCfdi', () => {
  test('one CFDI by uuid or serie+folio, always a ZIP, with what representacion asks for', async () => {
    const c = made[0];
    const xml = (await s.fetch('GET', c.xmlDownload)).body;
    const pdf = (await s.fetch('GET', c.pdfDownload)).body;
    const cases: Array<[string, string[]]> = [
      [`uuid=${c.uuid}`, [name(c, 'pdf'), name(c, 'xml')]],
      [`uuid=${c.uuid}&representacion=XML`, [name(c, 'xml')]],
      [`serie=F&folio=${c.folio}&representacion=PDF`, [name(c, 'pdf')]],
      [`folio=${c.folio}&representacion=XML_PDF`, [name(c, 'pdf'), name(c, 'xml')]],
    ];
    for (const [q, names] of cases) {
      const r = await get(`descargasCfdi?${q}`);
      assert.equal(r.status, 200, q);
      assert.equal(r.headers['content-type'], 'application/zip');
      const z = readZip(r.body);
      assert.deepEqual([...z.keys()].sort(), names, q);
      if (z.has(name(c, 'xml'))) assert.ok(z.get(name(c, 'xml'))!.equals(xml), 'the stored XML, byte for byte');
      if (z.has(name(c, 'pdf'))) assert.ok(z.get(name(c, 'pdf'))!.equals(pdf), 'the stored PDF, byte for byte');
    }
  });

  test('bulk by folio range, serie, fecha: pages of pageSize with X-Siguiente-Pagina', async () => {
    const folios = made.map((c) => Number(c.folio));
    const q = `serie=F&folioInicial=${folios[0]}&folioFinal=${folios[2]}&representacion=XML&pageSize=2`;
    const first = await get(`descargasCfdi?${q}`);
    assert.equal(first.status, 200);
    assert.deepEqual([...readZip(first.body).keys()], [name(made[0], 'xml'), name(made[1], 'xml')]);
    const next = first.headers['x-siguiente-pagina'] as string;
    assert.match(next, /page=2/);
    const second = await s.fetch('GET', next);
    assert.deepEqual([...readZip(second.body).keys()], [name(made[2], 'xml')]);
    assert.equal(second.headers['x-siguiente-pagina'], undefined);
    assert.equal((await get(`descargasCfdi?${q}&page=3`)).status, 204, 'past the last page');
    assert.equal((await get(`descargasCfdi?${q.replace('pageSize=2', 'pageSize=2')}&pageNumber=2`)).headers['x-siguiente-pagina'], undefined);

    const one = await get(`descargasCfdi?folioEspecifico=${folios[1]}&representacion=PDF`);
    assert.deepEqual([...readZip(one.body).keys()], [name(made[1], 'pdf')]);
    const day = made[0].fecha.slice(0, 10);
    const byDay = await get(`descargasCfdi?fecha=${day}&representacion=XML`);
    assert.deepEqual([...readZip(byDay.body).keys()], made.map((c) => name(c, 'xml')), 'default pageSize 50 holds them all');
    assert.equal((await get('descargasCfdi?fecha=2001-01-01')).status, 204);
    const probe = await get(`descargasCfdi?fecha=${day}&pageSize=0`);
    assert.equal(probe.status, 200);
    assert.equal(readZip(probe.body).size, 0, 'pageSize 0: an empty ZIP says there are some');
  });

  test('404 for no such CFDI (another empresa\'s included), 204 when a filter matches nothing; 400 API_PARAMETROS_DESCARGA for bad parameters; 401', async () => {
    for (const r of [await get('descargasCfdi?uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1'), await get('descargasCfdi?folio=999999'),
      await s.fetch('GET', `/${foreignKey}/descargasCfdi?uuid=${made[0].uuid}`)]) {
      assert.equal(r.status, 404);
      assert.deepEqual(r.json(), { status: 'DOCUMENTO_NO_ENCONTRADO' });
    }
    assert.equal((await get(`descargasCfdi?uuid=${made[0].uuid}&produccion=true`)).status, 204, 'the CFDI exists; the filter excludes it');
    assert.equal((await get(`descargasCfdi?uuid=${made[0].uuid}&representacion=ACUSE`)).status, 204, 'not cancelled: no acuse');
    for (const q of ['', '?representacion=XYZ', '?uuid=xyz', '?folio=abc', '?fecha=2025-13', '?fecha=2025-01-01&fechaInicial=2025-01-01',
      '?folioEspecifico=1&folioFinal=2', '?serie=F&pageSize=101', '?serie=F&pageSize=-1', '?serie=F&page=0', '?serie=F&produccion=si',
      '?fechaInicial=ayer', '?fecha=2026-02-30', '?fechaFinal=2026-13-45']) {
      const r = await get(`descargasCfdi${q}`);
      assert.equal(r.status, 400, q);
      assert.match(errorOf(r), /^Error API_PARAMETROS_DESCARGA\n/, q);
    }
    assert.equal((await s.fetch('GET', `/985408d8-64ae-48e0-b46c-473b47176205/descargasCfdi?uuid=${made[0].uuid}`)).status, 401);
  });
});

describe('OpenAPI (/docs/json)', () => {
  test('describes every call of the family, the Idempotency-Key header and the 409', async () => {
    const j = (await s.fetch('GET', '/docs/json')).json();
    const p = j.paths;
    assert.ok(p['/{keyEmpresa}/cfdis'].put && p['/{keyEmpresa}/cfdis'].get && p['/{keyEmpresa}/cfdisPdf64'].put);
    assert.ok(p['/{keyEmpresa}/tiposCfds'].get && p['/{keyEmpresa}/descargasCfdi'].get);
    for (const put of [p['/{keyEmpresa}/cfdisAsync'].put, p['/{keyEmpresa}/cfdis'].put, p['/{keyEmpresa}/cfdisPdf64'].put]) {
      const h = put.parameters.find((x: any) => x.in === 'header');
      assert.equal(h?.name, 'Idempotency-Key');
      assert.equal(h.schema.maxLength, 100);
      assert.ok(put.responses['409']);
    }
    assert.deepEqual(Object.keys(p['/{keyEmpresa}/cfdis'].put.responses).sort(), ['200', '202', '400', '401', '409']);
    const q = p['/{keyEmpresa}/descargasCfdi'].get.parameters.filter((x: any) => x.in === 'query').map((x: any) => x.name).sort();
    assert.deepEqual(q, ['fecha', 'fechaFinal', 'fechaInicial', 'folio', 'folioEspecifico', 'folioFinal', 'folioInicial', 'page', 'pageSize',
      'produccion', 'representacion', 'serie', 'uuid']);
  });
});
