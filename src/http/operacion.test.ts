import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { openSqliteStore } from '../storage/sqlite/index.ts';
import { openSqliteQueue } from '../queue/sqlite/index.ts';
import type { Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import { registerOperacion, startMetricsServer, type OperacionOptions } from './operacion.ts';

const dir = mkdtempSync(join(tmpdir(), 'cfdi-operacion-'));
let store: Store;
let queue: JobQueue;
before(async () => {
  store = openSqliteStore({ file: join(dir, 'db.sqlite') });
  await store.migrate();
  queue = openSqliteQueue({ file: join(dir, 'db.sqlite') });
});
after(async () => {
  await queue.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function app(o: OperacionOptions): Promise<FastifyInstance> {
  const a = Fastify();
  registerOperacion(a, queue, o);
  await a.ready();
  return a;
}

const RAW = 'connect ECONNREFUSED 10.1.2.3:5432 password=hunter2';

test('/ready names the failing dependency, never the raw error (which goes to the log)', async () => {
  const logged: unknown[] = [];
  const a = await app({
    checks: { database: async () => { throw new Error(RAW); }, pac: async () => undefined },
    workers: () => ({ configured: 2, live: 0, restarts: 3 }),
    log: { warn: (o) => void logged.push(o) },
  });
  const r = await a.inject({ method: 'GET', url: '/ready' });
  assert.equal(r.statusCode, 503);
  assert.deepEqual(r.json(), { status: 'not ready', failing: ['database', 'workers'], workers: { live: 0, configured: 2 } });
  assert.ok(!r.body.includes('10.1.2.3') && !r.body.includes('hunter2') && !r.body.includes('ECONNREFUSED'));
  assert.equal(logged.length, 1, 'the raw error is logged for operators');
});

test('/ready is 200 when every check passes and a worker thread lives', async () => {
  const a = await app({ checks: { database: async () => undefined }, workers: () => ({ configured: 2, live: 1, restarts: 0 }) });
  const r = await a.inject({ method: 'GET', url: '/ready' });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { status: 'ready', workers: { live: 1, configured: 2 } });
});

test('/metrics with CFDI_METRICS_TOKEN: 401 without the bearer token, 200 with it', async () => {
  const token = 'metrics-token-0123456789';
  const a = await app({ metricsToken: token, workers: () => ({ configured: 2, live: 2, restarts: 1 }) });
  for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${token}`, `Bearer ${token}x`]) {
    const r = await a.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
    assert.equal(r.statusCode, 401, String(authorization));
    assert.ok(!r.body.includes('cfdi_jobs'));
  }
  const ok = await a.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /^cfdi_workers_live 2$/m);
  assert.match(ok.body, /^cfdi_worker_restarts_total 1$/m);
  assert.match(ok.body, /^cfdi_jobs\{state="ready"\} 0$/m);
});

test('/metrics on its own address (CFDI_METRICS_BIND): not on the API, served on the bind address', async () => {
  const o: OperacionOptions = { metricsElsewhere: true, metricsToken: 'metrics-token-0123456789' };
  const a = await app(o);
  assert.equal((await a.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  const m = await startMetricsServer({ host: '127.0.0.1', port: 0 }, queue, o);
  try {
    assert.equal((await fetch(m.url)).status, 401);
    const r = await fetch(m.url, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(r.status, 200);
    assert.match(await r.text(), /^cfdi_queue_oldest_wait_seconds 0\.000$/m);
    assert.equal((await fetch(m.url.replace('/metrics', '/ready'))).status, 404);
  } finally {
    await m.close();
  }
});
