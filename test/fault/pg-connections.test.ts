/**
 * Fault test (issue 16 item 1): PostgreSQL connections lost under load. A `serve` process
 * with worker threads and a `worker` process share a fresh database; while requests
 * arrive, every backend of that database is terminated (`pg_terminate_backend`) again and
 * again, as a failover, a pooler restart or an idle-connection reaper would. At the end
 * every accepted request is ALMACENADO, nothing is stamped twice, both processes are
 * still alive with every worker thread live, and /ready is 200.
 *
 * Needs CFDI_TEST_PG_URL (a database where we may CREATE DATABASE); skipped otherwise
 * (a failure under CI=true). Small on purpose: a few hundred documents.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import pg from 'pg';
import { benchDocument } from '../../bench/lib/load.ts';
import { demoTenant, processTracker, waitReady } from '../../bench/lib/processes.ts';
import { freshDatabase } from '../../bench/lib/pg.ts';
import { skipOrFail } from '../conformance/oracle.ts';

const PG = process.env.CFDI_TEST_PG_URL;
const DOCUMENTS = Number(process.env.CFDI_FAULT_PG_DOCUMENTS ?? 150);
const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-pgfault-'));
const procs = processTracker();
let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;

function env(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    CFDI_DATABASE_URL: db!.url,
    CFDI_SECRET: 'fault-test-secret-0123456789abcdef0123456789',
    CFDI_TLS: 'off',
    CFDI_LOG_LEVEL: 'error',
    CFDI_LEASE_MS: '3000',
    CFDI_BACKOFF_BASE_MS: '100',
    CFDI_BACKOFF_CAP_MS: '1000',
    CFDI_MAX_ATTEMPTS: '50',
    CFDI_WORKER_CONCURRENCY: '2',
    CFDI_DATA_DIR: dataDir,
    ...extra,
  };
}

function start(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return procs.start(args, env(extra));
}

before(async () => {
  if (PG) db = await freshDatabase(PG, 'cfdi_pgfault');
});

after(async () => {
  procs.killAll();
  await new Promise((r) => setTimeout(r, 500));
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function call(port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    if (body) req.write(body);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function terminateAll(admin: pg.Client, dbName: string): Promise<number> {
  const r = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
  return r.rows[0].n as number;
}

test(`${DOCUMENTS} requests while every PostgreSQL backend is terminated again and again: all ALMACENADO, no worker lost`, { timeout: 300_000 }, async (t) => {
  if (!PG) {
    skipOrFail(t, 'CFDI_TEST_PG_URL is not set: the PostgreSQL connection-loss fault test did not run');
    return;
  }
  const tenant = demoTenant(env());
  const port = 21000 + Math.floor(Math.random() * 20000);
  const server = start(['serve', '--no-demo'], { CFDI_PORT: String(port), CFDI_HOST: '127.0.0.1', CFDI_WORKERS: '2' });
  const worker = start(['worker'], { CFDI_WORKERS: '1' });
  await waitReady(`http://127.0.0.1:${port}`);

  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  // Ended even when an assertion fails, or the open client keeps the file running until its timeout.
  t.after(() => admin.end().catch(() => undefined));
  let loadDone = false;
  let rounds = 0;
  let terminated = 0;
  const chaos = (async () => {
    while (!loadDone) {
      await sleep(800 + Math.random() * 700);
      terminated += await terminateAll(admin, db!.name);
      rounds++;
    }
  })();

  let died = '';
  for (const [name, p] of [['serve', server], ['worker', worker]] as const) {
    p.once('exit', (code, signal) => (died ||= `${name} exited (${code ?? signal})`));
  }
  // Clients behave as real ones: a 5xx or a broken connection is retried after a pause.
  const retry = async (method: string, path: string, body?: string) => {
    for (let i = 0; ; i++) {
      assert.equal(died, '', 'no process died');
      const r = await call(port, method, path, body).catch(() => undefined);
      if (r && r.status < 500) return r;
      assert.ok(i < 200, `${method} ${path} kept failing: ${r?.status} ${r?.body}`);
      await sleep(200);
    }
  };
  let next = 0;
  const accepted: string[] = [];
  const failures: string[] = [];
  const load = Promise.all(Array.from({ length: 8 }, async () => {
    // At least DOCUMENTS requests, and on until the connections were cut five times: a
    // fast machine must not finish the load before the faults it is meant to meet.
    for (let i = next++; i < DOCUMENTS || rounds < 5; i = next++) {
      const put = await retry('PUT', `/${tenant.keyEmpresa}/cfdisAsync`, JSON.stringify({
        idTipoCfd: tenant.idTipoCfd, idSucursal: tenant.idSucursal, archivoFuente: benchDocument(7_000_000 + i, 2),
      }));
      assert.equal(put.status, 200, put.body);
      const { idPeticion } = JSON.parse(put.body) as { idPeticion: string };
      accepted.push(idPeticion);
      for (;;) {
        await sleep(150);
        const g = await retry('GET', `/${tenant.keyEmpresa}/cfdis/${idPeticion}`);
        if (g.status === 202) continue;
        if (g.status !== 200) failures.push(`${idPeticion}: ${g.status} ${g.body}`);
        break;
      }
    }
  }));
  await load.finally(() => (loadDone = true));
  await chaos;
  t.diagnostic(`${rounds} rounds of pg_terminate_backend, ${terminated} backends terminated`);
  assert.ok(rounds >= 5, `the connections were cut at least five times (${rounds})`);
  assert.deepEqual(failures, [], 'every accepted request ended ALMACENADO');

  // Both processes survived and report every worker thread live.
  assert.equal(server.exitCode, null, 'serve is still running');
  assert.equal(worker.exitCode, null, 'the worker process is still running');
  const ready = await retry('GET', '/ready');
  assert.equal(ready.status, 200, ready.body);
  const metrics = await retry('GET', '/metrics');
  assert.match(metrics.body, /^cfdi_workers_live 2$/m);

  const c = new pg.Client({ connectionString: db!.url });
  await c.connect();
  try {
    const cfdis = await c.query<{ uuid: string; folio: string }>('SELECT uuid, folio FROM cfdis');
    assert.equal(cfdis.rowCount, accepted.length, 'one CFDI per accepted request');
    assert.equal(new Set(cfdis.rows.map((r) => r.uuid)).size, accepted.length, 'no UUID twice');
    assert.equal(new Set(cfdis.rows.map((r) => r.folio)).size, accepted.length, 'no folio twice');
  } finally {
    await c.end();
  }
});
