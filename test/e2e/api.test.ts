/**
 * The seed's three endpoints over real HTTPS on loopback, with the real pipeline
 * (SQLite, worker thread, test PAC, PDF renderer) behind them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTestServer, submit, waitFinal, repoRoot, type TestServer } from './helpers.ts';
import { assertPutRefusals } from './put-refusals.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s?.close();
});

const seedExample = () => readFileSync(join(repoRoot, 'examples', 'seed-example.txt'), 'utf8');

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('PUT /{keyEmpresa}/cfdisAsync', () => {
  test('the seed example verbatim is accepted, then ends 400 with CFDI40108 in the seed text shape', async () => {
    const id = await submit(s, seedExample());
    assert.match(id, /^[0-9a-f]{32}$/);
    const r = await waitFinal(s, id);
    assert.equal(r.status, 400);
    const errors: string[] = r.json().errors;
    const e = errors.find((x) => x.startsWith('Error CFDI40108\n'));
    assert.ok(e, `CFDI40108 among ${JSON.stringify(errors)}`);
    assert.equal(
      e,
      'Error CFDI40108\nEl TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.. :\n Código de error: CFDI40108',
    );
  });

  test('401 for an unknown keyEmpresa', async () => {
    const r = await s.fetch('PUT', '/985408d8-64ae-48e0-b46c-473b47176205/cfdisAsync',
      JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT }),
      { 'Content-Type': 'application/json' });
    assert.equal(r.status, 401);
    assert.match(r.json().errors[0], /API_EMPRESA_DESCONOCIDA/);
  });

  test('400 for malformed bodies, bad ids and bad sizes, each with a specific error', async () => {
    const put = (body: string, ct = 'application/json') => s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdisAsync`, body, { 'Content-Type': ct });
    const ok = { idTipoCfd: s.demo.idTipoCfd, idSucursal: s.demo.idSucursal, archivoFuente: DEMO_DOCUMENT };
    const tampered = s.demo.idTipoCfd.slice(0, 31) + (s.demo.idTipoCfd.endsWith('0') ? '1' : '0');
    const cases: Array<[string, string, string?]> = [
      ['{not json', 'API_CUERPO_INVALIDO'],
      ['[]', 'API_CUERPO_INVALIDO'],
      [JSON.stringify({ ...ok, idTipoCfd: undefined }), 'API_CUERPO_INVALIDO'],
      [JSON.stringify({ ...ok, archivoFuente: 12 }), 'API_CUERPO_INVALIDO'],
      [JSON.stringify({ ...ok, idTipoCfd: tampered }), 'API_ID_INVALIDO'],
      [JSON.stringify({ ...ok, idTipoCfd: 'd18bb0158356449c31e72cb69e642b31' }), 'API_ID_INVALIDO'],
      [JSON.stringify({ ...ok, idSucursal: s.demo.idTipoCfd }), 'API_ID_INVALIDO'],
      [JSON.stringify({ ...ok, archivoFuente: '   ' }), 'API_ARCHIVO_VACIO'],
      [JSON.stringify({ ...ok, archivoFuente: 'x'.repeat(2 * 1024 * 1024 + 1) }), 'API_ARCHIVO_GRANDE'],
      [JSON.stringify(ok), 'API_CONTENT_TYPE', 'text/plain'],
    ];
    for (const [body, code, ct] of cases) {
      const r = await put(body, ct);
      assert.equal(r.status, 400, `${code}: ${r.body.toString().slice(0, 200)}`);
      assert.match(r.json().errors[0], new RegExp(`^Error ${code}\\n`), body.slice(0, 80));
    }
  });

  test('refusals in their order, asynchronous and synchronous, with and without an Idempotency-Key; none queues anything', async () => {
    await assertPutRefusals(s, 'MAS0810247C0');
  });

  test('ids of another empresa are 400, never mapped to its rows', async () => {
    const rt = s.server.runtime;
    const { createEmpresa, createSucursal } = await import('../../src/invoicing/tenants.ts');
    const other = await createEmpresa(rt.deps, { rfc: 'IIA040805DZ4', nombre: 'INDISTRIA ILUMINADORA DE ALMACENES', regimenFiscal: '601' });
    const suc = await createSucursal(rt.deps, other, { nombre: 'Otra', codigoPostal: '62661' });
    const r = await s.fetch('PUT', `/${s.demo.keyEmpresa}/cfdisAsync`,
      JSON.stringify({ idTipoCfd: s.demo.idTipoCfd, idSucursal: rt.deps.ids.encode('sucursal', suc.id), archivoFuente: DEMO_DOCUMENT }),
      { 'Content-Type': 'application/json' });
    assert.equal(r.status, 400);
    assert.match(r.json().errors[0], /API_ID_INVALIDO/);
  });
});

describe('a consistent document ends ALMACENADO and downloads', () => {
  let final: any;
  let id: string;
  before(async () => {
    id = await submit(s, DEMO_DOCUMENT);
    const r = await waitFinal(s, id);
    assert.equal(r.status, 200, r.body.toString());
    final = r.json();
  });

  test('200 body has every field of the seed, in its formats', () => {
    const keys = ['uuid', 'fecha', 'serie', 'folio', 'rfc', 'iva', 'monto', 'descuento', 'subtotal', 'tipoCambio', 'tipoMoneda', 'idCfd',
      'idSucursal', 'status', 'produccion', 'fechaCancelacion', 'tienePDF', 'pedimento', 'fechaPedimento', 'aduana', 'pdfAndXmlDownload',
      'pdfDownload', 'xmlDownload'];
    // Plus `advertencias` (issue 10): no catalog is imported here, so some rules were not checked.
    assert.deepEqual(Object.keys(final).sort(), [...keys, 'advertencias'].sort());
    assert.ok(final.advertencias.includes('CFDI40126 no verificada: el catálogo c_CodigoPostal no está importado (cfdi-async catalogs import catCFDI_V_4_….xls)'), JSON.stringify(final.advertencias));
    assert.match(final.uuid, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    assert.match(final.fecha, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d$/);
    assert.equal(final.status, 'ALMACENADO');
    assert.equal(final.produccion, false);
    assert.equal(final.tienePDF, 'true');
    assert.equal(final.rfc, 'URE180429TM6');
    assert.equal(final.serie, 'F');
    assert.match(final.folio, /^\d+$/);
    // 12 × 10.50 + 1500.00 = 1626.00; IVA 16 % = 260.16; total 1886.16
    assert.equal(final.subtotal, '1626.000000');
    assert.equal(final.iva, '260.160000');
    assert.equal(final.monto, '1886.160000');
    assert.equal(final.descuento, '0.000000');
    assert.equal(final.tipoCambio, '1.0000');
    assert.equal(final.tipoMoneda, 'MXN');
    assert.equal(final.idSucursal, s.demo.idSucursal);
    assert.match(final.idCfd, /^[0-9a-f]{32}$/);
    for (const [k, r] of [['xmlDownload', 'XML'], ['pdfDownload', 'PDF'], ['pdfAndXmlDownload', 'XML_PDF']]) {
      assert.equal(final[k], `/${s.demo.keyEmpresa}/descargasCfdiAsync?idCfdi=${final.idCfd}&produccion=false&representacion=${r}`);
    }
  });

  test('XML download is the stamped CFDI, with serie-folio file name', async () => {
    const r = await s.fetch('GET', final.xmlDownload);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^application\/xml/);
    assert.equal(r.headers['content-disposition'], `attachment; filename="F-${final.folio}.xml"`);
    const c = readComprobante(r.body.toString('utf8'));
    assert.equal(c.Complemento?.TimbreFiscalDigital?.UUID, final.uuid);
    assert.equal(c.Total, '1886.16');
    assert.equal(c.Emisor.Rfc, 'EKU9003173C9');
  });

  test('PDF download is a PDF', async () => {
    const r = await s.fetch('GET', final.pdfDownload);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  });

  test('ZIP by idCfdi and by uuid alone (seed example 2) holds the XML and the PDF', async (t) => {
    for (const path of [final.pdfAndXmlDownload, `/${s.demo.keyEmpresa}/descargasCfdiAsync?uuid=${final.uuid.toLowerCase()}`]) {
      const r = await s.fetch('GET', path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['content-type'], 'application/zip');
      assert.equal(r.body.readUInt32LE(0), 0x04034b50);
      if (!hasUnzip()) {
        t.diagnostic('unzip not installed: ZIP listing not checked');
        continue;
      }
      const dir = mkdtempSync(join(tmpdir(), 'zip-'));
      writeFileSync(join(dir, 'a.zip'), r.body);
      const list = execFileSync('unzip', ['-Z1', join(dir, 'a.zip')], { encoding: 'utf8' }).trim().split('\n').sort();
      assert.deepEqual(list, [`F-${final.folio}.pdf`, `F-${final.folio}.xml`]);
    }
  });

  test('representacion alone (seed example 1) streams every CFDI of the empresa; filters narrow it; 204 when none', async () => {
    const all = await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=XML`);
    assert.equal(all.status, 200);
    assert.equal(all.headers['content-type'], 'application/zip');
    assert.ok(all.body.includes(Buffer.from(`F-${final.folio}.xml`)));
    const none = await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=XML&serie=NOEXISTE`);
    assert.equal(none.status, 204);
    const byFolio = await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=PDF&serie=F&folioInicial=${final.folio}&folioFinal=${final.folio}`);
    assert.equal(byFolio.status, 200);
    assert.ok(byFolio.body.includes(Buffer.from(`F-${final.folio}.pdf`)));
    const future = await s.fetch('GET', `/${s.demo.keyEmpresa}/descargasCfdiAsync?representacion=XML&fechaInicial=2999-01-01`);
    assert.equal(future.status, 204);
  });

  test('download errors: 400 without usable parameters or with a bad representacion, 401 unknown empresa, 404 unknown uuid, 204 filter unmet', async () => {
    const k = s.demo.keyEmpresa;
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync`)).status, 400);
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?representacion=TXT`)).status, 400);
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?idCfdi=zz`)).status, 400);
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?fechaInicial=ayer`)).status, 400);
    assert.equal((await s.fetch('GET', `/00000000-0000-0000-0000-000000000000/descargasCfdiAsync?representacion=XML`)).status, 401);
    assert.equal((await s.fetch('GET', `/${k}/descargasCfdiAsync?uuid=9d8b7b0f-2aa6-47d7-8b45-d3abf26f57d1`)).status, 404);
    assert.equal((await s.fetch('GET', `${final.xmlDownload.replace('produccion=false', 'produccion=true')}`)).status, 204);
  });
});

describe('GET /{keyEmpresa}/cfdis/{idPeticion}', () => {
  test('404 DOCUMENTO_NO_ENCONTRADO for an unknown or another empresa\'s id', async () => {
    const unknown = await s.fetch('GET', `/${s.demo.keyEmpresa}/cfdis/5503643c66ee9496d7223ad9f61e6609`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json(), { status: 'DOCUMENTO_NO_ENCONTRADO' });
    const id = await submit(s, DEMO_DOCUMENT);
    const rt = s.server.runtime;
    const other = (await rt.store.listEmpresas()).find((e) => e.key !== s.demo.keyEmpresa);
    if (other) {
      const foreign = await s.fetch('GET', `/${other.key}/cfdis/${id}`);
      assert.equal(foreign.status, 404);
    }
    assert.equal((await waitFinal(s, id)).status, 200);
  });

  test('/health, /ready and /metrics answer for operators', async () => {
    assert.deepEqual((await s.fetch('GET', '/health')).json(), { status: 'ok' });
    assert.deepEqual((await s.fetch('GET', '/ready')).json(), { status: 'ready', workers: { live: 1, configured: 1 } });
    const m = await s.fetch('GET', '/metrics');
    assert.equal(m.status, 200);
    const done = /^cfdi_jobs\{state="done"\} (\d+)$/m.exec(m.body.toString());
    assert.ok(done && Number(done[1]) >= 2, m.body.toString());
    assert.match(m.body.toString(), /^cfdi_workers_live 1$/m);
    assert.match(m.body.toString(), /^cfdi_queue_oldest_wait_seconds \d+\.\d{3}$/m);
  });

  test('the OpenAPI description is served at /docs', async () => {
    const r = await s.fetch('GET', '/docs/json');
    assert.equal(r.status, 200);
    const doc = r.json();
    assert.ok(doc.paths['/{keyEmpresa}/cfdisAsync']?.put);
    assert.ok(doc.paths['/{keyEmpresa}/cfdis/{idPeticion}']?.get);
    assert.ok(doc.paths['/{keyEmpresa}/descargasCfdiAsync']?.get);
    assert.ok(doc.components.schemas.DocumentoJson.properties.Conceptos, 'the json connector document is published');
  });
});
