/**
 * Fault test of production stamping: a PAC double (SW Sapien, then Finkok) that stamps and
 * then drops the answer, answers 500, stamps and hangs past the timeout, or answers 307
 * without data (Finkok: `stamped` answering 603 for a while after every stamp), while the
 * worker processes are SIGKILLed and restarted again and again. At the end every request
 * is ALMACENADO with exactly one UUID at the PAC and the same one in our store, and the PAC
 * never received two different sealed XMLs for one request (nothing was sealed twice).
 *
 * Real processes (`cfdi-async worker`) on one SQLite file; the double runs in this process.
 * CFDI_MAX_ATTEMPTS is 3 on purpose: a request whose stamp is unknown must outlive its
 * attempts without ending in GEN_INTERNO. Size: CFDI_PAC_FAULT_REQUESTS per PAC (default
 * 45, for CI's time limit; `CFDI_PAC_FAULT_REQUESTS=500` is the full run of issue 11).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime } from '../../src/main/runtime.ts';
import { DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { cliBin, processTracker } from '../../bench/lib/processes.ts';
import { startSwDouble } from '../doubles/sw-double.ts';
import { startFinkokDouble } from '../doubles/finkok-double.ts';
import type { Falla, PacCore } from '../doubles/pac-core.ts';

const REQUESTS = Number(process.env.CFDI_PAC_FAULT_REQUESTS ?? 45);
const dirs: string[] = [];
const procs = processTracker();

after(() => {
  procs.killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The first calls meet each fault once (so every kind is always exercised); then about one call in four fails, each fault alike. */
function randomFaults(counts: Map<Falla, number>): () => Falla | undefined {
  const kinds: Falla[] = ['corte', 'error500', 'cuelga', 'previo-sin-datos'];
  let calls = 0;
  return () => {
    const n = calls++;
    if (n >= kinds.length && Math.random() >= 0.25) return undefined;
    const f = n < kinds.length ? kinds[n] : kinds[Math.floor(Math.random() * kinds.length)];
    counts.set(f, (counts.get(f) ?? 0) + 1);
    return f;
  };
}

async function scenario(t: { diagnostic(s: string): void }, pac: 'sw' | 'finkok') {
  const dir = mkdtempSync(join(tmpdir(), `cfdi-pacfault-${pac}-`));
  dirs.push(dir);
  const env = {
    ...process.env,
    CFDI_DATA_DIR: dir, CFDI_SECRET: 'pac-fault-secret-0123456789abcdef0123456789', CFDI_TLS: 'off', CFDI_LOG_LEVEL: 'error',
    CFDI_LEASE_MS: '2000', CFDI_BACKOFF_BASE_MS: '50', CFDI_BACKOFF_CAP_MS: '300', CFDI_MAX_ATTEMPTS: '3', CFDI_WORKER_CONCURRENCY: '4',
    CFDI_WORKERS: '1', CFDI_PAC_CONNECT_TIMEOUT_MS: '1000', CFDI_PAC_TIMEOUT_MS: '1500', CFDI_PAC_RETRY_CAP_MS: '200',
    CFDI_PAC_RECOVERY_ATTEMPTS: '3', CFDI_PAC_RECOVERY_PAUSE_MS: '25',
  };
  const counts = new Map<Falla, number>();
  let core: PacCore;
  let close: () => Promise<void>;
  const pw = join(dir, 'pw.txt');
  let args: string[];
  if (pac === 'sw') {
    const d = await startSwDouble();
    core = d.core;
    close = d.close;
    writeFileSync(pw, 'clave-sw-ñ&<>');
    args = ['--proveedor', 'sw', '--ambiente', 'produccion', '--url', d.url, '--url-api', d.urlApi, '--usuario', 'demo@cfdi-async.test', '--password-file', pw];
  } else {
    const d = await startFinkokDouble({ ventanaMs: 150 });
    core = d.core;
    close = d.close;
    writeFileSync(pw, d.password);
    args = ['--proveedor', 'finkok', '--ambiente', 'produccion', '--url', d.url, '--usuario', d.usuario, '--password-file', pw];
  }
  core.fallaAleatoria = randomFaults(counts);
  try {
    const demo = JSON.parse(execFileSync(process.execPath, [cliBin, 'demo', '--json'], { env, encoding: 'utf8' })) as DemoTenant;
    execFileSync(process.execPath, [cliBin, 'pac', 'set', '--empresa', demo.keyEmpresa, ...args], { env });

    const rt = await openRuntime(loadConfig(env), { log: pino({ level: 'silent' }) });
    const started = Date.now();
    try {
      for (let i = 0; i < REQUESTS; i++) {
        await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: DEMO_DOCUMENT });
      }
    } finally {
      await rt.close();
    }

    const start = () => procs.start(['worker'], env);
    const workers = [start(), start()];
    const db = new Database(join(dir, 'cfdi.sqlite'), { readonly: true });
    let kills = 0;
    try {
      const pending = () => (db.prepare("SELECT count(*) AS n FROM peticiones WHERE stage NOT IN ('done', 'error')").get() as { n: number }).n;
      const until = Date.now() + 600_000;
      // A worker is killed once the pipeline moved since the last kill (a busy machine may
      // take seconds to start one), then at a random moment 0.5–2 s later.
      let lastPending = pending();
      let killAt = Infinity;
      for (let left = lastPending; left > 0; left = pending()) {
        assert.ok(Date.now() < until, `${left} requests still pending after 10 minutes`);
        if (left < lastPending && killAt === Infinity) killAt = Date.now() + 500 + Math.random() * 1_500;
        if (Date.now() >= killAt) {
          const i = kills % workers.length;
          workers[i].kill('SIGKILL');
          kills++;
          workers[i] = start();
          lastPending = left;
          killAt = Infinity;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      t.diagnostic(`${pac}: ${REQUESTS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${kills} worker kills, faults ${JSON.stringify(Object.fromEntries(counts))}`);

      const rows = db.prepare(`SELECT p.id, p.stage, p.errors, p.sealed_xml, c.uuid FROM peticiones p LEFT JOIN cfdis c ON c.id = p.cfdi_id`).all() as
        Array<{ id: number; stage: string; errors: string | null; sealed_xml: string; uuid: string | null }>;
      assert.equal(rows.length, REQUESTS);
      assert.deepEqual(rows.filter((r) => r.stage !== 'done').map((r) => r.errors), [], 'every request ALMACENADO');
      const ours = new Set(rows.map((r) => r.uuid));
      assert.equal(ours.size, REQUESTS, 'one UUID per request in our store');
      const atPac = [...core.timbrados.values()];
      assert.equal(atPac.length, REQUESTS, 'exactly one UUID per request at the PAC');
      assert.deepEqual([...ours].sort(), atPac.map((x) => x.uuid).sort(), 'the same UUIDs at the PAC and in our store');
      // Never sealed twice: the PAC received exactly one distinct XML per request, the stored one.
      assert.equal(core.llamadas.size, REQUESTS, 'no request reached the PAC with other bytes');
      for (const r of rows) {
        const h = createHash('sha256').update(r.sealed_xml, 'utf8').digest('hex');
        assert.equal(core.timbrados.get(h)?.uuid, r.uuid, `peticion ${r.id}: its stored sealed XML is the one stamped`);
      }
      assert.ok(kills >= 1, `workers were killed (${kills})`);
      for (const f of ['corte', 'error500', 'cuelga', 'previo-sin-datos'] as const) assert.ok((counts.get(f) ?? 0) > 0, `fault ${f} happened`);
    } finally {
      db.close();
      for (const w of workers) w.kill('SIGKILL');
    }
  } finally {
    await close();
  }
}

describe(`PAC faults and worker kills, ${REQUESTS} requests per PAC`, () => {
  test('SW Sapien', { timeout: 700_000 }, (t) => scenario(t, 'sw'));
  test('Finkok', { timeout: 700_000 }, (t) => scenario(t, 'finkok'));
});
