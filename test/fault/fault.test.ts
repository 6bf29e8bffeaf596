/**
 * Fault test (scale-out on PostgreSQL): 2 API processes and 3 worker processes share one
 * fresh database; 1,200 requests (CFDI_FAULT_DOCUMENTS; the default keeps CI under its
 * time limit with about ten kills) arrive over HTTP while worker processes are killed with
 * SIGKILL and restarted again and again. At the end every accepted request is ALMACENADO,
 * no UUID or serie-folio appears twice, folios have no gaps, and the test PAC never saw
 * two different XMLs for one request.
 *
 * Needs CFDI_TEST_PG_URL (a database where we may CREATE DATABASE); skipped otherwise.
 * Bounded: the load stops after its documents, the whole test after 8 minutes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runLoad, benchDocument } from '../../bench/lib/load.ts';
import { demoTenant, processTracker, waitReady } from '../../bench/lib/processes.ts';
import { freshDatabase } from '../../bench/lib/pg.ts';

const PG = process.env.CFDI_TEST_PG_URL;
const DOCUMENTS = Number(process.env.CFDI_FAULT_DOCUMENTS ?? 1200);
const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-fault-'));
let dbUrl = '';
const procs = processTracker();

function env(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    CFDI_DATABASE_URL: dbUrl,
    CFDI_SECRET: 'fault-test-secret-0123456789abcdef0123456789',
    CFDI_TLS: 'off',
    CFDI_LOG_LEVEL: 'error',
    // One tenant's load generator: no per-keyEmpresa rate limit.
    CFDI_RATE_LIMIT_PER_SECOND: '0',
    CFDI_LEASE_MS: '3000',
    CFDI_BACKOFF_BASE_MS: '100',
    CFDI_BACKOFF_CAP_MS: '1000',
    CFDI_MAX_ATTEMPTS: '25',
    CFDI_WORKER_CONCURRENCY: '4',
    CFDI_DATA_DIR: dataDir,
    ...extra,
  };
}

function start(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return procs.start(args, env(extra));
}

let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;

before(async () => {
  if (!PG) return;
  db = await freshDatabase(PG, 'cfdi_fault');
  const u = new URL(db.url);
  // Test only: commits need not wait for the disk (the test kills processes, not the database).
  u.searchParams.set('options', '-c synchronous_commit=off');
  dbUrl = u.toString();
});

after(async () => {
  procs.killAll();
  await new Promise((r) => setTimeout(r, 500));
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test(`2 API + 3 worker processes, ${DOCUMENTS} requests, workers SIGKILLed repeatedly: nothing lost, nothing twice`, { timeout: 480_000 }, async (t) => {
  if (!PG) {
    t.skip('CFDI_TEST_PG_URL is not set: the PostgreSQL fault test did not run');
    return;
  }
  const tenant = demoTenant(env());
  const ports = [21000 + Math.floor(Math.random() * 10000), 0];
  ports[1] = ports[0] + 1;
  for (const port of ports) start(['serve', '--no-workers', '--no-demo'], { CFDI_PORT: String(port), CFDI_HOST: '127.0.0.1' });
  await Promise.all(ports.map((port) => waitReady(`http://127.0.0.1:${port}`)));

  const workers: ChildProcess[] = [0, 1, 2].map(() => start(['worker'], { CFDI_WORKERS: '1' }));
  let kills = 0;
  let loadDone = false;
  const chaos = (async () => {
    while (!loadDone) {
      await new Promise((r) => setTimeout(r, 3_000 + Math.random() * 2_000));
      if (loadDone) break;
      const i = Math.floor(Math.random() * workers.length);
      workers[i].kill('SIGKILL');
      kills++;
      await new Promise((r) => setTimeout(r, 200));
      workers[i] = start(['worker'], { CFDI_WORKERS: '1' });
    }
  })();

  // Half of the clients talk to each API process.
  const half = Math.floor(DOCUMENTS / 2);
  const results = await Promise.all(
    ports.map((port, k) =>
      runLoad({
        baseUrl: `http://127.0.0.1:${port}`,
        tenant,
        documents: k === 0 ? half : DOCUMENTS - half,
        clients: 16,
        pollMs: 100,
        document: (i) => benchDocument(k * 1_000_000 + i, 3),
      }),
    ),
  );
  loadDone = true;
  await chaos;
  t.diagnostic(`worker processes killed: ${kills}; ${results.map((r) => `${r.documents} docs in ${r.seconds.toFixed(1)} s`).join(', ')}`);
  assert.ok(kills >= 3, `at least three kills happened (${kills})`);
  for (const r of results) assert.equal(r.errors, 0, 'every accepted request ended ALMACENADO');

  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const cfdis = await client.query<{ uuid: string; serie: string; folio: string; peticion_id: string }>('SELECT uuid, serie, folio FROM cfdis');
    assert.equal(cfdis.rowCount, DOCUMENTS);
    assert.equal(new Set(cfdis.rows.map((r) => r.uuid)).size, DOCUMENTS, 'no UUID twice');
    const folios = cfdis.rows.map((r) => `${r.serie}-${r.folio}`);
    assert.equal(new Set(folios).size, DOCUMENTS, 'no serie-folio twice');
    const nums = cfdis.rows.map((r) => Number(r.folio)).sort((a, b) => a - b);
    assert.equal(nums[nums.length - 1] - nums[0] + 1, DOCUMENTS, 'no folio skipped');
    // The test PAC remembers each distinct XML it stamped: one per request means no request
    // was ever sealed twice differently and sent again.
    const stamped = await client.query<{ n: string }>("SELECT count(*) AS n FROM meta WHERE key LIKE 'stamp:%'");
    assert.equal(Number(stamped.rows[0].n), DOCUMENTS, 'the stamper saw exactly one XML per request');
    const pending = await client.query<{ n: string }>("SELECT count(*) AS n FROM peticiones WHERE stage <> 'done'");
    assert.equal(Number(pending.rows[0].n), 0);
  } finally {
    await client.end();
  }
});
