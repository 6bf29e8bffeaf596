import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { spawnTsWorker } from './ts-worker.ts';

test('a TypeScript module runs as a worker thread and gets its workerData', async () => {
  const w = spawnTsWorker(new URL('./ts-worker.fixture.ts', import.meta.url), { workerData: { n: 20 } });
  const [msg] = await once(w, 'message');
  assert.equal(msg, 42);
  await w.terminate();
});
