/**
 * SQLite only: worker threads of one process wake each other through the database
 * file's BroadcastChannel (the behaviour shared by both backends is in the contract suites).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite/index.ts';
import { spawnTsWorker } from '../../src/shared/ts-worker.ts';
import { createTenant, newPeticion, within } from './fixtures.ts';

test('createPeticion in one thread wakes a queue waiting in another thread at once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-sqlite-threads-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'cfdi.db');
  const store = openSqliteStore({ file });
  t.after(() => store.close());
  await store.migrate();
  const tenant = await createTenant(store);

  const worker = spawnTsWorker(new URL('./sqlite-thread.ts', import.meta.url), { workerData: { file } });
  t.after(() => worker.terminate());
  const next = () => new Promise<string>((resolve, reject) => {
    worker.once('message', (m: string) => resolve(m));
    worker.once('error', reject);
  });
  assert.equal(await next(), 'waiting');
  await new Promise((r) => setTimeout(r, 100));
  const id = await store.createPeticion(newPeticion(tenant, { createdAt: new Date() }));
  const outcome = await within(next(), 20_000, 'still waiting');
  assert.equal(outcome, `claimed ${id}`);
});
