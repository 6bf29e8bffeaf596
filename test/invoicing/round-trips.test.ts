/**
 * PostgreSQL round trips (issue 17, item 4): the queries node-postgres sends while a real
 * runtime accepts and processes peticiones, counted at the driver. A CFDI costs at most 8,
 * its PUT included and the client's polls excluded; a statement added to the
 * per-document path shows in the failure with its text. Skipped without CFDI_TEST_PG_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import { startWorker } from '../../src/invoicing/worker.ts';
import { postgresSchema } from '../contract/env.ts';

const PG_URL = process.env.CFDI_TEST_PG_URL;
/** The test's own reads, told apart from the service's by their first words. */
const OWN = '/* test */';

describe('PostgreSQL round trips', { skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set: PostgreSQL skipped' }, () => {
  // Every query the pool's clients send, while `counting`: patched before the runtime
  // connects, since each pooled client binds the prototype's query when it connects.
  const sent: string[] = [];
  let counting = false;
  const query = pg.Client.prototype.query;
  let rt: Runtime;
  let demo: DemoTenant;
  let dir: string;
  let schema: ReturnType<typeof postgresSchema> | undefined;

  before(async () => {
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const c = args[0] as string | { text?: string };
      if (counting) sent.push(typeof c === 'string' ? c : c?.text ?? '');
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    schema = postgresSchema('cfdi_rt');
    dir = mkdtempSync(join(tmpdir(), 'cfdi-rt-'));
    rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, CFDI_DATABASE_URL: schema.url }), { log: pino({ level: 'silent' }) });
    demo = (await ensureDemoTenant(rt.deps)).tenant;
  });
  after(async () => {
    pg.Client.prototype.query = query;
    await rt?.close();
    rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  });

  test('the directories are read once per job: receptor by clave and RFC, the products, and the rules\' receptor', async () => {
    const empresaId = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!.id;
    // The document names its receptor by a clave that is not its RFC, and gives the RFC:
    // the connector asks both keys, the SAT rules the RFC again.
    await rt.store.upsertReceptores(empresaId, [{ clave: 'CLI-7', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', usoCfdi: 'G01' }]);
    await rt.store.upsertProductos(empresaId, [{ codigo: 'LAP-HB', claveProdServ: '44121618' }]);
    const doc = DEMO_DOCUMENT.replace('|03|URE180429TM6|URE180429TM6|', '|03|CLI-7|URE180429TM6|');
    assert.notEqual(doc, DEMO_DOCUMENT);
    const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: doc });
    const id = rt.deps.ids.decode('peticion', idPeticion)!;

    counting = true;
    try {
      assert.equal(await processPeticion(rt.deps, newCaches(), id), 'done');
    } finally {
      counting = false;
    }
    const directory = sent.filter((s) => /\b(receptores|productos)\b/.test(s));
    assert.equal(directory.length, 1, directory.join('\n---\n'));
    assert.match(directory[0], /unnest\(\$2::text\[\]\)[\s\S]*FROM productos/, 'the one statement reads both directories');
    // The look-up's answers were used: UsoCFDI and ClaveProdServ from the directories, not the tipo's defaults (G03, 01010101).
    const xml = (await rt.store.getCfdiXml((await rt.store.getPeticion(id))!.cfdiId!))!;
    assert.match(xml, /<cfdi:Receptor [^>]*UsoCFDI="G01"/);
    assert.match(xml, /ClaveProdServ="44121618" NoIdentificacion="LAP-HB"/);
  });

  test('a CFDI costs at most 8, its PUT included', async () => {
    const n = 30;
    // The job of the peticion processed by hand above is still queued: run it out first.
    const drain = startWorker(rt.deps, { concurrency: 1, leaseMs: 30_000, idleMs: 60_000 });
    for (let s = await rt.queue.stats(); s.ready + s.running > 0; s = await rt.queue.stats()) await new Promise((r) => setTimeout(r, 20));
    await drain.stop();
    sent.length = 0;
    counting = true;
    const ids: number[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: DEMO_DOCUMENT });
        ids.push(rt.deps.ids.decode('peticion', idPeticion)!);
      }
      // One worker, as in the service, started once they wait; this test looks on a connection of its own.
      const w = startWorker(rt.deps, { concurrency: 1, leaseMs: 30_000, idleMs: 60_000 });
      const own = new pg.Client({ connectionString: PG_URL });
      await own.connect();
      try {
        const left = () => own.query(`${OWN} SELECT count(*)::int AS n FROM ${schema!.name}.peticiones WHERE stage NOT IN ('done', 'error')`);
        while ((await left()).rows[0].n > 0) await new Promise((r) => setTimeout(r, 20));
      } finally {
        await w.stop();
        await own.end();
      }
    } finally {
      counting = false;
    }
    for (const id of ids) assert.equal((await rt.store.getPeticion(id))?.stage, 'done');
    const ours = sent.filter((s) => !s.startsWith(OWN));
    const counts = new Map<string, number>();
    for (const s of ours) {
      const k = s.replace(/\s+/g, ' ').trim().slice(0, 100);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const listing = [...counts].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${(c / n).toFixed(2)} × ${k}`).join('\n');
    // Besides the per-document statements, a batch makes a few of its own: the worker's
    // LISTENs, its last claim that finds nothing, the tenant rows, CSD and catalog status
    // its caches load once: about 9. A ninth round trip per document would add 30.
    assert.ok(ours.length <= 8 * n + 15, `${(ours.length / n).toFixed(2)} round trips per CFDI:\n${listing}`);
    assert.ok([...counts.values()].filter((c) => c >= n).length <= 8, `statements sent for every document:\n${listing}`);
  });
});
