/**
 * The delivery runner at rest (issue 17): with nothing due, its loops do not claim after
 * every idle wait; one look per wait decides. Real SQLite runtime; the outbox store is only
 * counted, never replaced.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { startRunner } from '../../src/notificaciones/entregas/runner.ts';

let rt: Runtime;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-runner-'));
  rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir }), { log: pino({ level: 'silent' }) });
});
after(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('idle, the loops claim once each and then only look; a wake makes them claim again', async () => {
  const store = rt.notificaciones.notificaciones;
  let claims = 0;
  const counting = new Proxy(store, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r);
      if (k === 'claim') return (...args: Parameters<typeof store.claim>) => (claims++, store.claim(...args));
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
  const runner = startRunner({ ...rt.notificaciones, notificaciones: counting }, { concurrency: 3, leaseMs: 5_000, idleMs: 20 });
  try {
    // ~25 idle waits: before, every loop claimed after each of them.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(claims, 3, 'one claim per loop, then looks only');
    store.notify();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(claims, 6, 'woken, each loop claims once more');
  } finally {
    await runner.stop();
  }
});
