import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.ts';
import { startWorkerThreads } from './workers.ts';

const config = loadConfig({ CFDI_DATA_DIR: '/nonexistent', CFDI_SECRET: 'x'.repeat(32) });
const script = new URL('./workers.fixture.ts', import.meta.url);

function recorder() {
  const lines: { level: string; msg: string; o: Record<string, unknown> }[] = [];
  const at = (level: string) => (o: object, msg: string) => void lines.push({ level, msg, o: o as Record<string, unknown> });
  return { lines, log: { error: at('error'), warn: at('warn'), info: at('info') } };
}

async function until(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    assert.ok(Date.now() < end, `${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a worker thread that dies is logged and replaced', async () => {
  const deaths = new SharedArrayBuffer(4);
  const r = recorder();
  const pool = await startWorkerThreads(config, 2, { log: r.log, script, workerData: { mode: 'die-once', deaths }, restartBaseMs: 10 });
  try {
    await until(() => Atomics.load(new Int32Array(deaths), 0) >= 1, 10_000, 'a thread died');
    await until(() => pool.restarts() >= 1 && pool.live() === 2, 10_000, `the dead thread was replaced ${JSON.stringify(r.lines)} ${pool.live()}`);
    const died = r.lines.find((l) => l.msg === 'worker thread died; replacing it');
    assert.ok(died, JSON.stringify(r.lines));
    assert.equal(died.level, 'error');
    assert.match(String((died.o.err as Error)?.message), /Connection terminated/);
    assert.ok(r.lines.some((l) => l.msg === 'worker thread replaced'));
  } finally {
    await pool.stop(1_000);
  }
  assert.equal(pool.live(), 0);
});

test('threads that keep dying make the pool give up: onFatal, so the process exits non-zero', async () => {
  const deaths = new SharedArrayBuffer(4);
  const r = recorder();
  let fatal: Error | undefined;
  const pool = await startWorkerThreads(config, 1, {
    log: r.log, script, workerData: { mode: 'always-die', deaths }, restartBaseMs: 5, maxRestarts: 3, onFatal: (e) => (fatal = e),
  });
  try {
    await until(() => fatal !== undefined, 20_000, 'the pool gave up');
    assert.match(fatal!.message, /died 4 times in a row/);
    assert.equal(Atomics.load(new Int32Array(deaths), 0), 4, 'the first thread and three replacements, no more');
    assert.equal(pool.live(), 0);
  } finally {
    await pool.stop(1_000);
  }
});

test('a first start that fails rejects: the command fails instead of running without workers', async () => {
  const deaths = new SharedArrayBuffer(4);
  await assert.rejects(
    startWorkerThreads(config, 2, { log: recorder().log, script, workerData: { mode: 'never-start', deaths } }),
    /cannot open the database/,
  );
});

test('threads run their entry bundled into JavaScript (no tsx loader), with the configured young and old generations', async () => {
  const report = new SharedArrayBuffer(24);
  const r = recorder();
  const c = loadConfig({ CFDI_DATA_DIR: '/nonexistent', CFDI_SECRET: 'x'.repeat(32), CFDI_WORKER_YOUNG_GENERATION_MB: '9', CFDI_WORKER_OLD_GENERATION_MB: '300' });
  const pool = await startWorkerThreads(c, 1, { log: r.log, script, workerData: { mode: 'report', deaths: report } });
  try {
    const [, young, bundled, ownUrl, maps, old] = new Int32Array(report);
    assert.ok(young >= 9 && young < 12, `young generation ${young} MB`); // V8 rounds to whole semi-spaces
    assert.equal(old, 300);
    assert.equal(bundled, 1, JSON.stringify(r.lines));
    assert.equal(ownUrl, 1, 'import.meta.url is the source file');
    assert.equal(maps, 1, 'stack traces are source-mapped');
  } finally {
    await pool.stop(1_000);
  }
});

test('the first thread, and its replacement, runs the WAL checkpoints; no other thread does', async () => {
  const counts = new SharedArrayBuffer(16);
  const r = recorder();
  const pool = await startWorkerThreads(config, 2, { log: r.log, script, checkpoints: true, workerData: { mode: 'checkpoints', deaths: counts }, restartBaseMs: 10 });
  try {
    await until(() => pool.restarts() >= 1 && pool.live() === 2, 10_000, 'the first thread was replaced');
    const [, first, others] = new Int32Array(counts);
    assert.equal(first, 2, 'slot 0 and its replacement');
    assert.equal(others, 0);
  } finally {
    await pool.stop(1_000);
  }
});
