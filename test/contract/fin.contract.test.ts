/**
 * The queue port's end-of-peticion signal (issue 14, synchronous PUT), against every
 * backend in `env.ts`: a waiter is woken by an announcement made through another queue
 * object (another connection; on PostgreSQL it travels through NOTIFY), and the slow
 * fallback look is set far beyond the test's bounds so that only the announcement can
 * make the waits below end in time.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobQueue } from '../../src/queue/queue.ts';
import type { Store } from '../../src/storage/store.ts';
import { BACKENDS, type TestDb } from './env.ts';
import { createTenant, newPeticion } from './fixtures.ts';

const NEVER = 3_600_000;

for (const backend of BACKENDS) {
  describe(`end-of-peticion signal: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let waiter: JobQueue;
    let announcer: JobQueue;
    let store: Store;

    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore();
      await store.migrate();
      waiter = db.openQueue({ endPollMs: NEVER });
      announcer = db.openQueue({ endPollMs: NEVER });
    });
    afterEach(async () => {
      await db.dispose();
    });

    test('an announcement from another queue object wakes the waiter of that peticion only', async () => {
      const ended = new Set<number>();
      let looks7 = 0;
      const w7 = waiter.waitForEnd(7, 10_000, async () => (looks7++, ended.has(7)));
      const w8 = waiter.waitForEnd(8, 1_500, async () => ended.has(8));
      // Let the first look (and, on PostgreSQL, LISTEN) happen before the end.
      await new Promise((r) => setTimeout(r, 300));
      ended.add(7);
      await announcer.announceEnded(7);
      assert.equal(await w7, true);
      assert.ok(looks7 >= 2, 'looked at the start and again when woken');
      assert.equal(await w8, false, 'peticion 8 was not announced: its waiter times out');
    });

    test('a worker\'s ending (complete, then announceEnded) wakes the waiter; a second announcement does too', async () => {
      const t = await createTenant(store);
      const peticionId = await store.createPeticion(newPeticion(t));
      const job = await announcer.claim('w1', 30_000);
      assert.equal(job?.peticionId, peticionId);
      let ended = false;
      const w = waiter.waitForEnd(peticionId, 10_000, async () => ended);
      await new Promise((r) => setTimeout(r, 300));
      ended = true;
      await announcer.complete(job.id, 'w1');
      await announcer.announceEnded(peticionId);
      assert.equal(await w, true);
      // The next end of the same peticion (a job that ends again, e.g. after cancelling) is announced too.
      ended = false;
      const again = waiter.waitForEnd(peticionId, 10_000, async () => ended);
      await new Promise((r) => setTimeout(r, 300));
      ended = true;
      await announcer.announceEnded(peticionId);
      assert.equal(await again, true);
    });

    test('an end that happened before the wait is seen at once; a wait ends false on timeout and on abort', async () => {
      assert.equal(await waiter.waitForEnd(1, 10_000, async () => true), true);
      assert.equal(await waiter.waitForEnd(2, 50, async () => false), false);
      const stop = new AbortController();
      const w = waiter.waitForEnd(3, 10_000, async () => false, stop.signal);
      stop.abort();
      assert.equal(await w, false);
    });

    test('without any announcement the fallback look notices the end', async () => {
      const slow = db.openQueue({ endPollMs: 50 });
      let done = false;
      setTimeout(() => (done = true), 200);
      assert.equal(await slow.waitForEnd(9, 10_000, async () => done), true);
    });

    test('closing the queue releases its waiters', async () => {
      const w = waiter.waitForEnd(4, 10_000, async () => false);
      await waiter.close();
      assert.equal(await w, false);
    });
  });
}
