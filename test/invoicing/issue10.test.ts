/**
 * Issue 10 through the whole flow (real SQLite, the offline test PAC, a fixed clock):
 * a Fecha a PAC would refuse, a tipo P without its Pagos complement, and the client's
 * own Serie/Folio (used as given, never twice) are all decided before any folio of the
 * tipo's counter is consumed.
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
import { readComprobante } from '../../src/cfdi/xml/read.ts';

// 12:00:00 in Pachuca (the demo sucursal's CP 42501, UTC−6); the demo CSD is created a week before.
const NOW = new Date('2026-11-23T18:00:00Z');
let now = new Date(NOW.getTime() - 7 * 86_400_000);
let rt: Runtime;
let demo: DemoTenant;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-issue10-'));
  rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir }), { clock: () => new Date(now.getTime()), log: pino({ level: 'silent' }) });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
  now = NOW;
});
after(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo document (legacy layout) with 01 fields 2–4: Serie, Folio, Fecha. */
function withHeader(serie = '', folio = '', fecha = ''): string {
  return DEMO_DOCUMENT.split('\n').map((line) => {
    if (!line.startsWith('|01|')) return line;
    const f = line.split('|');
    [f[3], f[4], f[5]] = [serie, folio, fecha];
    return f.join('|');
  }).join('\n');
}

async function run(doc: string) {
  const id = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: doc }).then((r) => r.idPeticion);
  const internal = rt.deps.ids.decode('peticion', id)!;
  await processPeticion(rt.deps, newCaches(0), internal);
  return Object.assign(await queryPeticion(rt.deps, demo.keyEmpresa, id), { internal });
}
const errorsOf = (r: { body: unknown }) => (r.body as { errors?: string[] }).errors ?? [];
const uuidOf = (r: { body: unknown }) => (r.body as { uuid: string }).uuid;
async function nextFolio(): Promise<number> {
  const empresa = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!;
  return (await rt.store.listTipos(empresa.id)).find((t) => t.codigo === 'FAC')!.nextFolio;
}
/** Serie and Folio of the stamped CFDI, as written in its XML. */
async function serieFolio(internal: number): Promise<[string | undefined, string | undefined]> {
  const p = await rt.store.getPeticion(internal);
  const c = readComprobante((await rt.store.getCfdiXml(p!.cfdiId!))!);
  return [c.Serie, c.Folio];
}

/** A 4.0 layout document: 01 with the given totals (fields 5–8), one concept 10 × 20.00 with the given 05C records. */
function doc40(totals: [subTotal: string, total: string, tras: string, ret: string], taxes: string[], extra: string[] = []): string {
  const body = [
    '|00|i10|FAC|4.0|',
    `|01|1||||${totals.join('|')}||||MXN||||||I|PUE|||03||01||`,
    '|03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA||||||||||86991|||G03|601|',
    '|05|50202306|REF-1|10|REFRESCO 600 ML|20.00||Pieza|H87||C1|02|',
    ...taxes,
    ...extra,
  ];
  return [...body, `|99|${body.length + 1}|`].join('\n');
}
const stampedOf = async (r: { internal: number }) => readComprobante((await rt.store.getCfdiXml((await rt.store.getPeticion(r.internal))!.cfdiId!))!);

describe('issue 10 items 1 and 2: amounts through the flow', () => {
  test('totals declared in 01 and no 06: stamped with the Traslado rows computed from the concepts', async () => {
    const r = await run(doc40(['200.00', '232.00', '32.00', ''], ['|05C|C1||IVA|Tasa|0.160000||']));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const c = await stampedOf(r);
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '32.00');
    assert.deepEqual(JSON.parse(JSON.stringify(c.Impuestos?.Traslados)), [{ Base: '200.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '32.00' }]);
  });

  test('a declared TotalImpuestosTrasladados 0.00 with taxed concepts is refused (CFDI40205), never stamped without rows', async () => {
    const r = await run(doc40(['200.00', '200.00', '0.00', ''], ['|05C|C1||IVA|Tasa|0.160000||']));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(errorsOf(r).map((e) => e.split('\n')[0]), ['Error CFDI40205']);
  });

  test('IEPS 26.5 % + IVA 16 % on 10 × 20.00: IVA Base 253.00, Importe 40.48', async () => {
    const r = await run(doc40(['', '', '', ''], ['|05C|C1||IEPS|Tasa|0.265000||', '|05C|C1||IVA|Tasa|0.160000||']));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const c = await stampedOf(r);
    assert.deepEqual(c.Conceptos[0].Impuestos?.Traslados.map((t) => [t.Impuesto, t.Base, t.Importe]), [['003', '200.00', '53.00'], ['002', '253.00', '40.48']]);
    assert.equal(c.Total, '293.48');
  });
});

describe('issue 10 item 3: a Fecha a PAC refuses is refused before any folio', () => {
  for (const [name, fecha, code] of [
    ['two hours ahead', '2026-11-23T14:00:00', 'GEN_FECHA_FUTURA'],
    ['a day ahead', '2026-11-24T12:00:00', 'GEN_FECHA_FUTURA'],
    ['more than 72 hours old', '2026-11-20T11:59:59', 'GEN_FECHA_VENCIDA'],
  ] as const) {
    test(name, async () => {
      const before = await nextFolio();
      const r = await run(withHeader('', '', fecha));
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.ok(errorsOf(r).some((e) => e.startsWith(`Error ${code}\n`) && e.includes(fecha)), JSON.stringify(r.body));
      assert.equal(await nextFolio(), before, 'no folio consumed');
    });
  }

  test('an hour ago and exactly 72 hours ago are stamped with the Fecha as given', async () => {
    for (const fecha of ['2026-11-23T11:00:00', '2026-11-20T12:00:00']) {
      const r = await run(withHeader('', '', fecha));
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
  });
});

describe('issue 10 item 4: tipo P without the Pagos complement', () => {
  test('is refused with GEN_PAGOS_SIN_COMPLEMENTO and consumes no folio', async () => {
    const doc = [
      '|00|pago-1|FAC|4.0|',
      '|01|1|||||||||||XXX||||||P||||||01||',
      '|03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA||||||||||86991|||CP01|601|',
      '|05|84111506||1|Pago|0|0||ACT|||01|',
      '|99|5|',
    ].join('\n');
    const before = await nextFolio();
    const r = await run(doc);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    // The only error: without this check the document is sealed and stamped.
    assert.equal(errorsOf(r).length, 1, JSON.stringify(r.body));
    assert.ok(errorsOf(r)[0].startsWith('Error GEN_PAGOS_SIN_COMPLEMENTO\n') && errorsOf(r)[0].includes('pago20:Pagos'), JSON.stringify(r.body));
    assert.equal(await nextFolio(), before);
  });
});

describe("issue 10 item 6: the client's Serie and Folio", () => {
  test('are used as given, even when the tipo has a serie; the tipo counter is not touched', async () => {
    const before = await nextFolio();
    const r = await run(withHeader('CLIENTSERIE', '000123'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(await serieFolio(r.internal), ['CLIENTSERIE', '000123']);
    assert.equal(await nextFolio(), before);
  });

  test('a second CFDI with the same Serie and Folio is refused naming the first UUID; no counter folio is burnt', async () => {
    const first = await run(withHeader('DUP', '77'));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const before = await nextFolio();
    const again = await run(withHeader('DUP', '77'));
    assert.equal(again.status, 400, JSON.stringify(again.body));
    const e = errorsOf(again).find((x) => x.startsWith('Error GEN_FOLIO_DUPLICADO\n'));
    assert.ok(e?.includes(uuidOf(first)) && e.includes('DUP') && e.includes('77'), JSON.stringify(again.body));
    assert.equal(await nextFolio(), before);
    // Another serie with the same folio is another CFDI.
    assert.equal((await run(withHeader('DUP2', '77'))).status, 200);
  });

  test('two requests with the same Serie and Folio at once: exactly one CFDI', async () => {
    const ids = await Promise.all([0, 1, 2].map(() => submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: withHeader('RACE', '1') }).then((r) => r.idPeticion)));
    await Promise.all(ids.map((id) => processPeticion(rt.deps, newCaches(0), rt.deps.ids.decode('peticion', id)!)));
    const answers = await Promise.all(ids.map((id) => queryPeticion(rt.deps, demo.keyEmpresa, id)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 400, 400], JSON.stringify(answers));
    const winner = answers.find((a) => a.status === 200)!;
    // Refused while the winner was still being stamped, or after: either way named as taken.
    for (const a of answers.filter((x) => x.status === 400)) {
      const e = errorsOf(a)[0];
      assert.ok(e.startsWith('Error GEN_FOLIO_DUPLICADO\n') && (e.includes(uuidOf(winner)) || e.includes('en proceso')), JSON.stringify(a.body));
    }
  });

  test('a Folio without Serie takes the tipo serie; a Serie without Folio takes the counter; absent, the tipo assigns both', async () => {
    const onlyFolio = await run(withHeader('', '9001'));
    assert.deepEqual(await serieFolio(onlyFolio.internal), ['F', '9001']);
    const n = await nextFolio();
    const onlySerie = await run(withHeader('ERP', ''));
    assert.deepEqual(await serieFolio(onlySerie.internal), ['ERP', String(n)]);
    const none = await run(withHeader());
    assert.deepEqual(await serieFolio(none.internal), ['F', String(n + 1)]);
  });

  test("the tipo counter skips a folio the client already took in the tipo's serie", async () => {
    const n = await nextFolio();
    assert.equal((await run(withHeader('F', String(n)))).status, 200);
    const next = await run(withHeader());
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.deepEqual(await serieFolio(next.internal), ['F', String(n + 1)]);
  });
});
