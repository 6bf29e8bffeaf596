/**
 * The invoicing flow on real SQLite with a controllable clock: every GET state, crash
 * recovery at each stage, retries, expiry and purge.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import { startWorker } from '../../src/invoicing/worker.ts';
import type { InvoicingDeps } from '../../src/invoicing/deps.ts';
import type { Stamper } from '../../src/stamping/stamper.ts';
import { pino } from 'pino';

let now = new Date('2026-11-23T18:00:00Z');
const clock = () => new Date(now.getTime());
let rt: Runtime;
let demo: DemoTenant;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-flow-'));
  rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, CFDI_MAX_ATTEMPTS: '2', CFDI_BACKOFF_BASE_MS: '10', CFDI_BACKOFF_CAP_MS: '20' }), { clock, log: pino({ level: 'silent' }) });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
});
after(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (d: InvoicingDeps = rt.deps, doc = DEMO_DOCUMENT) =>
  submitPeticion(d, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: doc }).then((r) => r.idPeticion);
const internal = (id: string) => rt.deps.ids.decode('peticion', id)!;

/** Polls the GET until it stops answering 202 (bounded). */
async function settle(d: InvoicingDeps, id: string, keyEmpresa = demo.keyEmpresa) {
  const until = Date.now() + 30_000;
  let r = await queryPeticion(d, keyEmpresa, id);
  while (r.status === 202 && Date.now() < until) {
    await new Promise((res) => setTimeout(res, 20));
    r = await queryPeticion(d, keyEmpresa, id);
  }
  return r;
}

/** A stamper that records what it was asked and can be made to fail. */
function recordingStamper(inner: Stamper) {
  const seen: string[] = [];
  let failNext = 0;
  return {
    seen,
    failTimes(n: number) {
      failNext = n;
    },
    stamper: {
      async stamp(xml: string) {
        seen.push(xml);
        if (failNext > 0) {
          failNext--;
          throw new Error('PAC connection reset');
        }
        return inner.stamp(xml);
      },
    } satisfies Stamper,
  };
}

describe('GET states', () => {
  test('202 EN_PROCESO while queued, 202 with uuid once stamped and the PDF pending, 200 ALMACENADO at the end', async () => {
    const id = await submit();
    assert.deepEqual(await queryPeticion(rt.deps, demo.keyEmpresa, id), { status: 202, body: { status: 'EN_PROCESO' } });

    // The renderer fails once: the stamped CFDI waits for its PDF.
    let fail = true;
    const d: InvoicingDeps = {
      ...rt.deps,
      renderer: {
        render: (i) => (fail ? Promise.reject(new Error('renderer crashed')) : rt.deps.renderer.render(i)),
        close: async () => undefined,
      },
    };
    await assert.rejects(processPeticion(d, newCaches(), internal(id)), /renderer crashed/);
    const mid = await queryPeticion(rt.deps, demo.keyEmpresa, id);
    assert.equal(mid.status, 202);
    assert.match((mid.body as { uuid: string }).uuid, /^[0-9A-F-]{36}$/);

    fail = false;
    assert.equal(await processPeticion(d, newCaches(), internal(id)), 'done');
    const done = await queryPeticion(rt.deps, demo.keyEmpresa, id);
    assert.equal(done.status, 200);
    assert.equal((done.body as { uuid: string }).uuid, (mid.body as { uuid: string }).uuid);
  });

  // ── issue 10 (i10b): notices beside the CFDI ──
  test('200 carries advertencias: rules not checked for lack of a catalog, and an RFC check digit that does not compute', async () => {
    const doc = DEMO_DOCUMENT.replace('|03|URE180429TM6|URE180429TM6|', '|03|URE180429TM5|URE180429TM5|');
    const id = await submit(rt.deps, doc);
    assert.equal(await processPeticion(rt.deps, newCaches(), internal(id)), 'done');
    const r = await queryPeticion(rt.deps, demo.keyEmpresa, id);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { advertencias } = r.body as { advertencias?: string[] };
    assert.ok(advertencias?.includes('CFDI40162 no verificada: el catálogo c_ClaveProdServ no está importado (cfdi-async catalogs import catCFDI_V_4_….xls)'), JSON.stringify(advertencias));
    assert.ok(advertencias?.some((a) => a.startsWith('Advertencia RFC_DIGITO_VERIFICADOR:') && a.includes('"URE180429TM5"')), JSON.stringify(advertencias));
    // Once the catalogs are imported, those rules run and their notices go.
    const cat = (rows: Array<[string, string]>) => [rows.map(([key]) => ({ key, vigenciaDesde: '2022-01-01', data: {} }))];
    await rt.store.replaceCatalog('c_ClaveProdServ', cat([['01010101', ''], ['44121618', ''], ['81111500', ''], ['31211501', '']]), 'prueba');
    const id2 = await submit(rt.deps);
    assert.equal(await processPeticion(rt.deps, newCaches(0), internal(id2)), 'done');
    const r2 = await queryPeticion(rt.deps, demo.keyEmpresa, id2);
    const a2 = (r2.body as { advertencias?: string[] }).advertencias ?? [];
    assert.ok(!a2.some((a) => a.includes('c_ClaveProdServ')), JSON.stringify(a2));
    assert.ok(!a2.some((a) => a.includes('RFC_DIGITO_VERIFICADOR')));
  });

  test('400 with every layout error of the document', async () => {
    const id = await submit(rt.deps, '|00|x|FAC|\n|05|A||dos|Producto|abc||PZA|||\n|99|9|');
    await processPeticion(rt.deps, newCaches(), internal(id));
    const r = await queryPeticion(rt.deps, demo.keyEmpresa, id);
    assert.equal(r.status, 400);
    const errors = (r.body as { errors: string[] }).errors;
    assert.ok(errors.length >= 2, JSON.stringify(errors));
    for (const e of errors) assert.match(e, /^Error [A-Z0-9_]+\n.*\. :\n Código de error: [A-Z0-9_]+$/s);
    assert.ok(errors.some((e) => e.includes('dos')), 'the bad Cantidad is named');
  });
});

describe('crash safety', () => {
  test('a retried job resumes from the persisted stage: one folio, one sealed XML, one TFD', async () => {
    const rec = recordingStamper(rt.deps.stamper);
    const d: InvoicingDeps = { ...rt.deps, stamper: rec.stamper };
    const id = await submit(d);
    const pid = internal(id);
    rec.failTimes(2);
    await assert.rejects(processPeticion(d, newCaches(), pid), /connection reset/);
    const sealed = (await rt.store.getPeticion(pid))!;
    assert.equal(sealed.stage, 'sealed');
    await assert.rejects(processPeticion(d, newCaches(), pid), /connection reset/);
    assert.equal(await processPeticion(d, newCaches(), pid), 'done');
    assert.equal(new Set(rec.seen).size, 1, 'the stamper only ever saw one XML for this request');
    const p = (await rt.store.getPeticion(pid))!;
    assert.equal(p.folio, sealed.folio);
    // Stamping the same XML again (a crash after the PAC answered) gives the same TFD.
    const again = await rt.deps.stamper.stamp(rec.seen[0]);
    assert.equal(again.tfd.UUID, p.uuid);
  });

  test('folios are consecutive across requests and never reused', async () => {
    const folios: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await submit();
      await processPeticion(rt.deps, newCaches(), internal(id));
      folios.push(Number((await rt.store.getPeticion(internal(id)))!.folio));
    }
    for (let i = 1; i < folios.length; i++) assert.equal(folios[i], folios[i - 1] + 1);
  });

  test('a rejected document consumes no folio', async () => {
    const before = (await rt.store.listTipos((await rt.store.getEmpresaByKey(demo.keyEmpresa))!.id))[0].nextFolio;
    const bad = await submit(rt.deps, DEMO_DOCUMENT.replace('|06|IVA|16.00||', '|06|IVA|16.00|1.00|'));
    await processPeticion(rt.deps, newCaches(), internal(bad));
    assert.equal((await queryPeticion(rt.deps, demo.keyEmpresa, bad)).status, 400);
    const afterFolio = (await rt.store.listTipos((await rt.store.getEmpresaByKey(demo.keyEmpresa))!.id))[0].nextFolio;
    assert.equal(afterFolio, before);
  });

  test('operational failures before sealing end in GEN_INTERNO when attempts run out', async () => {
    const store = new Proxy(rt.store, {
      get(t, k) {
        if (k === 'assignFolio') return async () => { throw new Error('database unreachable'); };
        const v = Reflect.get(t, k);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    const d: InvoicingDeps = { ...rt.deps, store };
    const id = await submit(d);
    const w = startWorker(d, { concurrency: 1, leaseMs: 5_000, idleMs: 20 });
    const r = await settle(d, id);
    await w.stop();
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match((r.body as { errors: string[] }).errors[0], /^Error GEN_INTERNO\n/);
  });

  test('a sealed XML whose stamp is unknown is never ended: past its attempts it stays EN_PROCESO and the same bytes are retried until the PAC answers', async () => {
    const rec = recordingStamper(rt.deps.stamper);
    rec.failTimes(5); // CFDI_MAX_ATTEMPTS is 2
    const d: InvoicingDeps = { ...rt.deps, stampers: undefined, stamper: rec.stamper };
    const id = await submit(d);
    const w = startWorker(d, { concurrency: 1, leaseMs: 5_000, idleMs: 20, stampRetryMs: 10 });
    const r = await settle(d, id);
    await w.stop();
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(rec.seen.length, 6);
    assert.equal(new Set(rec.seen).size, 1, 'every attempt sent the stored sealed bytes');
  });
});

describe('a sealed request outlives its attempts', () => {
  /** A sealed request whose PAC answer was lost, then held by three workers that died (attempts now past the maximum of 2). */
  async function outlives(storeFor: (d: InvoicingDeps) => InvoicingDeps['store'], leaseMs = 5_000) {
    const dir2 = mkdtempSync(join(tmpdir(), 'cfdi-flow-dead-'));
    const rt2 = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir2, CFDI_MAX_ATTEMPTS: '2', CFDI_BACKOFF_BASE_MS: '10', CFDI_BACKOFF_CAP_MS: '20' }),
      { clock, log: pino({ level: 'silent' }) });
    try {
      const t2 = (await ensureDemoTenant(rt2.deps)).tenant;
      const rec = recordingStamper(rt2.deps.stamper);
      rec.failTimes(1);
      const d: InvoicingDeps = { ...rt2.deps, stampers: undefined, stamper: rec.stamper };
      const { idPeticion } = await submitPeticion(d, t2.keyEmpresa, { idTipoCfd: t2.idTipoCfd, idSucursal: t2.idSucursal, archivoFuente: DEMO_DOCUMENT });
      const pid = rt2.deps.ids.decode('peticion', idPeticion)!;
      await assert.rejects(processPeticion(d, newCaches(), pid), /connection reset/); // sealed, the PAC's answer lost
      for (let i = 0; i < 3; i++) {
        assert.equal((await rt2.queue.claim(`muerto-${i}`, 1))?.peticionId, pid);
        await new Promise((r) => setTimeout(r, 10));
      }
      const w = startWorker({ ...d, store: storeFor(d) }, { concurrency: 1, leaseMs, idleMs: 20, stampRetryMs: 10 });
      const r = await settle(d, idPeticion, t2.keyEmpresa);
      await w.stop();
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(new Set(rec.seen).size, 1, 'the stored sealed bytes, never sealed again');
    } finally {
      await rt2.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  }

  test('a worker that died more times than the attempts allow does not end it: the next worker stamps the stored bytes', async () => {
    await outlives((d) => d.store);
  });

  test('nor does a failed read of its stage: the worker does not take "unknown" for "not sealed"', async () => {
    await outlives((d) => {
      let failures = 1;
      return Object.assign(Object.create(d.store) as InvoicingDeps['store'], {
        getPeticion: (id: number) => (failures-- > 0 ? Promise.reject(new Error('connection lost')) : d.store.getPeticion(id)),
      });
    }, 300);
  });
});

describe('expiry', () => {
  test('after the TTL the request answers 404 and is purged, the CFDI stays downloadable', async () => {
    const id = await submit();
    // Through the queue, so the job is finished too (a running job's peticion is never purged).
    const w = startWorker(rt.deps, { concurrency: 1, leaseMs: 5_000, idleMs: 20 });
    const until = Date.now() + 30_000;
    while ((await queryPeticion(rt.deps, demo.keyEmpresa, id)).status === 202 && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 20));
    }
    await w.stop();
    const p = (await rt.store.getPeticion(internal(id)))!;
    assert.equal((await queryPeticion(rt.deps, demo.keyEmpresa, id)).status, 200);
    const saved = now;
    now = new Date(now.getTime() + 31 * 86_400_000);
    try {
      assert.deepEqual(await queryPeticion(rt.deps, demo.keyEmpresa, id), { status: 404, body: { status: 'DOCUMENTO_NO_ENCONTRADO' } });
      assert.ok((await rt.store.purgeExpired(clock().toISOString())) >= 1);
      assert.equal(await rt.store.getPeticion(internal(id)), undefined);
      assert.ok(await rt.store.getCfdi(p.cfdiId!));
      assert.ok(await rt.store.getCfdiXml(p.cfdiId!));
    } finally {
      now = saved;
    }
  });
});
