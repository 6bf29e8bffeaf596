/**
 * issue 10 (b10): what the client caused ends as a document error (400) on the first
 * attempt, before any folio is assigned; it is never retried as an operational failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import { startWorker } from '../../src/invoicing/worker.ts';
import type { InvoicingDeps } from '../../src/invoicing/deps.ts';

const now = new Date('2026-11-23T18:00:00Z');
let rt: Runtime;
let demo: DemoTenant;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-client-errors-'));
  // Many attempts with a long backoff: a retried job would still be EN_PROCESO when the test looks.
  rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, CFDI_MAX_ATTEMPTS: '5', CFDI_BACKOFF_BASE_MS: '60000', CFDI_BACKOFF_CAP_MS: '60000' }), {
    clock: () => new Date(now.getTime()),
    log: pino({ level: 'silent' }),
  });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
});
after(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (doc: string, d: InvoicingDeps = rt.deps) =>
  submitPeticion(d, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: doc }).then((r) => r.idPeticion);
const internal = (id: string) => rt.deps.ids.decode('peticion', id)!;
const nextFolio = async () => (await rt.store.listTipos((await rt.store.getEmpresaByKey(demo.keyEmpresa))!.id))[0].nextFolio;

async function errorsOf(id: string): Promise<string[]> {
  const r = await queryPeticion(rt.deps, demo.keyEmpresa, id);
  assert.equal(r.status, 400, JSON.stringify(r.body));
  return (r.body as { errors: string[] }).errors;
}

describe('a control character in the document', () => {
  test('is a layout error naming line and field, found before any folio is assigned', async () => {
    const before = await nextFolio();
    const id = await submit(DEMO_DOCUMENT.replace('LÁPIZ DE GRAFITO', 'LÁPIZ\u0001DE GRAFITO'));
    assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'error');
    const errors = await errorsOf(id);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], /^Error LAYOUT_CARACTER\nLínea 5 \(05\), campo 4 Descripcion: "LÁPIZ\\u0001DE GRAFITO HB & BORRADOR" contiene el carácter U\+0001/);
    assert.equal(await nextFolio(), before, 'no folio consumed');
  });

  test('in a value the CFDI takes from the empresa directory is a document error naming the attribute, before the folio', async () => {
    await rt.store.upsertReceptores((await rt.store.getEmpresaByKey(demo.keyEmpresa))!.id, [
      // An RFC of its own: the directory also answers CFDI40145 for the other tests' receptor.
      { clave: 'CLI-CTRL', rfc: 'MCI7306249Y1', nombre: 'MUNICIPIO\u0002DE CUAUTITLAN IZCALLI', regimenFiscal: '603', domicilioFiscal: '54700', usoCfdi: 'G03' },
    ]);
    const before = await nextFolio();
    const doc = DEMO_DOCUMENT.replace('|03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|', '|03|CLI-CTRL|||');
    const id = await submit(doc);
    assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'error');
    const errors = await errorsOf(id);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], /^Error LAYOUT_CARACTER\nReceptor\.Nombre: "MUNICIPIO\\u0002DE CUAUTITLAN IZCALLI" contiene el carácter U\+0002/);
    assert.equal(await nextFolio(), before, 'no folio consumed');
  });

  test('through the worker: 400 on the first attempt, never retried, the PAC never called', async () => {
    let stamped = 0;
    let failed = 0;
    const d: InvoicingDeps = {
      ...rt.deps,
      stamper: { stamp: (xml) => (stamped++, rt.deps.stamper.stamp(xml)) },
      queue: new Proxy(rt.deps.queue, {
        get(target, key, recv) {
          if (key === 'fail') return (...a: Parameters<typeof target.fail>) => (failed++, target.fail(...a));
          const v = Reflect.get(target, key, recv);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      }),
    };
    const before = await nextFolio();
    const id = await submit(DEMO_DOCUMENT.replace('SERVICIO DE MANTENIMIENTO', 'SERVICIO\u001FDE MANTENIMIENTO'), d);
    const w = startWorker(d, { concurrency: 1, leaseMs: 5_000, idleMs: 20 });
    let r = await queryPeticion(d, demo.keyEmpresa, id);
    // Polls until the first attempt has ended one way or the other (a retry waits 60 s).
    while (r.status === 202 && failed === 0) {
      await new Promise((res) => setTimeout(res, 20));
      r = await queryPeticion(d, demo.keyEmpresa, id);
    }
    await w.stop();
    assert.equal(failed, 0, 'the job did not fail as an operational error');
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match((r.body as { errors: string[] }).errors[0], /^Error LAYOUT_CARACTER\nLínea 6 \(05\), campo 4 Descripcion: .* U\+001F/);
    assert.equal(stamped, 0);
    assert.equal(await nextFolio(), before);
  });
});

describe('lengths are characters', () => {
  test('a 1,000-character Descripcion containing 🎂 is stamped, with the Descripcion intact', async () => {
    const descripcion = '🎂' + 'X'.repeat(999);
    const id = await submit(DEMO_DOCUMENT.replace('LÁPIZ DE GRAFITO HB & BORRADOR', descripcion));
    assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'done');
    const r = await queryPeticion(rt.deps, demo.keyEmpresa, id);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const xml = (await rt.store.getCfdiXml((await rt.store.getPeticion(internal(id)))!.cfdiId!))!;
    assert.ok(xml.includes(`Descripcion="${descripcion}"`));
    // Review defect (b10): the reasons beside the CFDI are Spanish and say what to do.
    assert.ok((r.body as { advertencias: string[] }).advertencias.includes(
      'CFDI40143 no verificada: la lista de RFC inscritos no cancelados del SAT no está en el directorio de receptores de la empresa; el PAC lo verificará al timbrar',
    ), JSON.stringify(r.body));
  });
});

describe('CFDI40999 says where', () => {
  test('the GET body names node, attribute and value of each schema problem', async () => {
    const doc = [
      '|00|PED-1|FAC|4.0|',
      '|01|1|||||||||||MXN||||||I|PUE|||03||01||',
      '|03|MCI7306249Y1|MCI7306249Y1|MUNICIPIO DE CUAUTITLAN IZCALLI||||||||||54700|||G03|603|',
      '|05|1234|LAP-14|2.0000001|LAPTOP|15000.00||Pieza|H87||1|02|',
      '|05P|1|CP-123|',
      '|05C|1||IVA|Tasa|16||',
    ].join('\n');
    const before = await nextFolio();
    const id = await submit(doc);
    assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'error');
    const errors = (await errorsOf(id)).filter((e) => e.startsWith('Error CFDI40999\n'));
    const tail = '. :\n Código de error: CFDI40999';
    assert.ok(errors.includes(`Error CFDI40999\nError no clasificado. Nodo Concepto[1], atributo ClaveProdServ, valor "1234": debe tener 8 dígitos${tail}`), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.startsWith('Error CFDI40999\nError no clasificado. Nodo Concepto[1], atributo Cantidad, valor "2.0000001": ')), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.startsWith('Error CFDI40999\nError no clasificado. Nodo Concepto[1]/CuentaPredial[1], atributo Numero, valor "CP-123": ')), JSON.stringify(errors));
    assert.equal(await nextFolio(), before);
  });
});

// issue 10 (b10), item 10.
describe('GET tipoCambio', () => {
  for (const [tipoCambio, shown] of [['19.300505', '19.300505'], ['17.5', '17.5000'], ['18.1234', '18.1234']]) {
    test(`a TipoCambio of ${tipoCambio} is shown as "${shown}"`, async () => {
      const doc = DEMO_DOCUMENT.replace('|01|1|||||||||||MXN||', `|01|1|||||||||||USD|${tipoCambio}|`);
      const id = await submit(doc);
      assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'done');
      const r = await queryPeticion(rt.deps, demo.keyEmpresa, id);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((r.body as { tipoCambio: string }).tipoCambio, shown);
      assert.equal((r.body as { tipoMoneda: string }).tipoMoneda, 'USD');
    });
  }
});
