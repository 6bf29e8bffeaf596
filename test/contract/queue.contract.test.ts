/**
 * The job-queue port's contract (src/queue/queue.ts), run unchanged against every
 * backend in `env.ts`. Jobs are created the only way the product creates them:
 * `Store.createPeticion`. Time is a controllable clock, so leases and backoff are
 * tested without waiting; only the wake-up cases use real time, with bounds of seconds.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Peticion, Store } from '../../src/storage/store.ts';
import type { Job, JobQueue } from '../../src/queue/queue.ts';
import { BACKENDS, runChild, type QueueOptions, type TestDb } from './env.ts';
import { T0, cfdiMeta, createTenant, newPeticion, uuidOf, within, type Tenant } from './fixtures.ts';

const LEASE = 30_000;
/** A wake-up must end a 60-second wait within this (generous for a loaded CI machine). */
const WAKE_BOUND_MS = 10_000;

for (const backend of BACKENDS) {
  describe(`queue contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    let now: number;
    const clock = () => new Date(now);
    const openQueue = (o: QueueOptions = {}): JobQueue<Peticion> => db.openQueue({ maxAttempts: 3, backoffBaseMs: 1_000, backoffCapMs: 5_000, clock, ...o });
    let queue: JobQueue<Peticion>;

    beforeEach(async () => {
      now = T0.getTime();
      db = await backend.create();
      store = db.openStore({ clock });
      await store.migrate();
      queue = openQueue();
    });
    afterEach(async () => {
      await db.dispose();
    });

    async function enqueue(t: Tenant, n = 1): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) ids.push(await store.createPeticion(newPeticion(t, { createdAt: new Date(now) })));
      return ids;
    }
    const lastError = async (jobId: number) => (await db.rows('SELECT last_error FROM jobs WHERE id = ?', [jobId]))[0]?.last_error;

    test('oldestWaitMs: how long the longest-waiting runnable job has waited (issue 16)', async () => {
      const t = await createTenant(store);
      assert.equal(await queue.oldestWaitMs(), 0, 'empty queue');
      await enqueue(t);
      now += 1_500;
      await enqueue(t);
      now += 500;
      assert.equal(await queue.oldestWaitMs(), 2_000);
      const job = await queue.claim('w1', LEASE);
      assert.ok(job);
      assert.equal(await queue.oldestWaitMs(), 500, 'a claimed job no longer waits');
      await queue.fail(job.id, 'w1', 'x', true);
      assert.equal(await queue.oldestWaitMs(), 500, 'a retry whose backoff has not ended is not waiting yet');
    });

    test('claim hands a ready job to one worker, counting the attempt; complete finishes it', async () => {
      const t = await createTenant(store);
      assert.equal(await queue.claim('w1', LEASE), null, 'nothing to claim');
      const [peticionId] = await enqueue(t);
      assert.deepEqual(await queue.stats(), { ready: 1, running: 0, done: 0, dead: 0 });
      const job = await queue.claim('w1', LEASE);
      assert.ok(job);
      assert.deepEqual({ ...job, id: 0 }, { id: 0, peticionId, empresaId: t.empresa.id, attempts: 1, maxAttempts: 3 });
      assert.equal(await queue.claim('w2', LEASE), null, 'a held job is not handed out twice');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 1, done: 0, dead: 0 });
      await queue.complete(job.id, 'w2');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 1, done: 0, dead: 0 }, 'only the holder completes');
      await queue.complete(job.id, 'w1');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 0, done: 1, dead: 0 });
      now += 10 * LEASE;
      assert.equal(await queue.claim('w1', LEASE), null, 'a done job is never redelivered');
    });

    test('a job is not runnable before its createdAt', async () => {
      const t = await createTenant(store);
      await store.createPeticion(newPeticion(t, { createdAt: new Date(now + 60_000) }));
      assert.equal(await queue.claim('w1', LEASE), null);
      now += 60_000;
      assert.ok(await queue.claim('w1', LEASE));
    });

    test('an expired lease redelivers the job to another worker; the first one has lost it', async () => {
      const t = await createTenant(store);
      await enqueue(t);
      const first = (await queue.claim('w1', LEASE))!;
      now += LEASE - 1;
      assert.equal(await queue.claim('w2', LEASE), null, 'lease still valid');
      now += 2;
      const second = await queue.claim('w2', LEASE);
      assert.equal(second?.id, first.id);
      assert.equal(second?.attempts, 2);
      assert.equal(await queue.renew(first.id, 'w1', LEASE), false, 'the old holder cannot renew');
      await queue.complete(first.id, 'w1');
      assert.equal(await queue.fail(first.id, 'w1', 'late', false), 'retrying', 'the old holder cannot finalize the job');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 1, done: 0, dead: 0 });
      await queue.complete(first.id, 'w2');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 0, done: 1, dead: 0 });
    });

    test('given the peticion reader, a claim carries its job\'s peticion as the store reads it, at a later stage and on every retry (PostgreSQL); without it, none', async () => {
      const t = await createTenant(store);
      // Job ids apart from peticion ids: a job column shadowed by the peticion's would show.
      if (backend.name === 'postgres') await db.rows(`SELECT setval(pg_get_serial_sequence('jobs', 'id'), 500)`);
      const [id] = await enqueue(t);
      const jobId = Number((await db.rows('SELECT id FROM jobs WHERE peticion_id = ?', [id]))[0].id);
      const plain = (await queue.claim('w0', LEASE))!;
      assert.equal('subject' in plain, false, 'a queue without the reader carries no subject');
      await queue.release(plain.id, 'w0');

      const reading = openQueue({ peticionOfClaim: true });
      const expectPeticion = async (job: Job<Peticion> | null, stage: Peticion['stage'], attempts: number) => {
        assert.ok(job);
        assert.deepEqual([job.id, job.peticionId, job.empresaId, job.attempts, job.maxAttempts], [jobId, id, t.empresa.id, attempts, 3]);
        const stored = (await store.getPeticion(id))!;
        assert.equal(stored.stage, stage);
        if (backend.name === 'postgres') assert.deepEqual(job.subject, stored);
        else assert.equal('subject' in job, false, 'SQLite reads none: the caller\'s read is in-process');
      };
      const first = await reading.claim('w1', LEASE);
      await expectPeticion(first, 'queued', 1);
      // Sealed, then the attempt fails: the retry carries the folio, sealed XML and printed data.
      const { serie, folio } = await store.assignFolio(id);
      await store.saveSealed(id, '<sealed/>', { notas: ['nota'], conceptos: [{ codigoSecundario: 'X-1' }], referenciaCliente: 'REF-1' });
      assert.equal(await reading.fail(first!.id, 'w1', 'PAC down', true), 'retrying');
      now += 5_000;
      await expectPeticion(await reading.claim('w2', LEASE), 'sealed', 2);
      // Stamped without its PDF (the uuid comes from the CFDI's row), then the worker dies:
      // the claim after the lease expired carries it.
      await store.saveStamped(id, '<cfdi/>', cfdiMeta({ uuid: uuidOf(1), serie, folio }));
      now += LEASE + 1;
      await expectPeticion(await reading.claim('w3', LEASE), 'stamped', 3);
    });

    test('renew extends the lease of the holder', async () => {
      const t = await createTenant(store);
      await enqueue(t);
      const job = (await queue.claim('w1', LEASE))!;
      now += LEASE - 1_000;
      assert.equal(await queue.renew(job.id, 'w1', LEASE), true);
      now += LEASE - 1_000;
      assert.equal(await queue.claim('w2', LEASE), null, 'renewed lease still valid');
      now += 2_000;
      assert.equal((await queue.claim('w2', LEASE))?.id, job.id, 'expires once renewal stops');
    });

    test('retryable failures back off exponentially up to the cap, then the job is dead with the last error', async () => {
      // The random share of each delay (jitter, half by default) at its largest: half the delay.
      const q = openQueue({ maxAttempts: 5, backoffBaseMs: 1_000, backoffCapMs: 3_000, random: () => 1 });
      const t = await createTenant(store);
      await enqueue(t);
      const expectedDelays = [500, 1_000, 1_500, 1_500];
      for (const [i, delay] of expectedDelays.entries()) {
        const job = (await q.claim('w1', LEASE))!;
        assert.equal(job.attempts, i + 1);
        assert.equal(await q.fail(job.id, 'w1', `PAC no disponible ${i + 1}`, true), 'retrying');
        assert.deepEqual(await q.stats(), { ready: 1, running: 0, done: 0, dead: 0 });
        now += delay - 1;
        assert.equal(await q.claim('w1', LEASE), null, `attempt ${i + 2} not before ${delay} ms`);
        now += 1;
      }
      const last = (await q.claim('w1', LEASE))!;
      assert.equal(last.attempts, 5);
      assert.equal(await q.fail(last.id, 'w1', 'PAC no disponible 5', true), 'dead');
      assert.deepEqual(await q.stats(), { ready: 0, running: 0, done: 0, dead: 1 });
      assert.equal(await lastError(last.id), 'PAC no disponible 5');
      now += 3_600_000;
      assert.equal(await q.claim('w1', LEASE), null, 'a dead job is never redelivered');
    });

    test('a non-retryable failure kills the job at once', async () => {
      const t = await createTenant(store);
      await enqueue(t);
      const job = (await queue.claim('w1', LEASE))!;
      assert.equal(await queue.fail(job.id, 'w1', 'CSD_PASSWORD', false), 'dead');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 0, done: 0, dead: 1 });
      assert.equal(await lastError(job.id), 'CSD_PASSWORD');
    });

    test('a job whose worker keeps dying stays claimable past maxAttempts, so the caller can fail it for good', async () => {
      const t = await createTenant(store);
      await enqueue(t);
      let job: Job | null = null;
      for (let i = 1; i <= 4; i++) {
        job = await queue.claim(`w${i}`, LEASE);
        assert.equal(job?.attempts, i);
        now += LEASE + 1; // the worker dies: no complete, no fail
      }
      assert.ok(job!.attempts > job!.maxAttempts);
      assert.equal(await queue.fail(job!.id, 'w4', 'abandoned after 3 attempts', true), 'dead');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 0, done: 0, dead: 1 });
    });

    test('release gives a job back at once without counting the attempt', async () => {
      const t = await createTenant(store);
      await enqueue(t, 2);
      const a = (await queue.claim('w1', LEASE))!;
      await queue.release(a.id, 'w2');
      assert.deepEqual(await queue.stats(), { ready: 1, running: 1, done: 0, dead: 0 }, 'only the holder releases');
      await queue.release(a.id, 'w1');
      const again = (await queue.claim('w2', LEASE))!;
      assert.equal(again.id, a.id, 'it keeps its place at the head of the line');
      assert.equal(again.attempts, 1);
    });

    test('release with a delay (issue 11): not claimable before it, the attempt not counted', async () => {
      const t = await createTenant(store);
      await enqueue(t, 1);
      const a = (await queue.claim('w1', LEASE))!;
      await queue.release(a.id, 'w1', 5_000);
      assert.equal(await queue.claim('w2', LEASE), null, 'not before the delay');
      now += 5_001;
      const again = (await queue.claim('w2', LEASE))!;
      assert.equal(again.id, a.id);
      assert.equal(again.attempts, 1);
    });

    test('fairness: an empresa\'s burst does not hold back another empresa\'s single job', async () => {
      const a = await createTenant(store);
      const b = await createTenant(store);
      const c = await createTenant(store);
      await enqueue(a, 1_000);
      now += 1;
      const [bPeticion] = await enqueue(b, 1);
      now += 1;
      const cPeticiones = await enqueue(c, 2);
      const order: number[] = [];
      for (let i = 0; i < 6; i++) {
        const j = (await queue.claim('w', LEASE))!;
        order.push(j.empresaId);
        if (j.empresaId === b.empresa.id) assert.equal(j.peticionId, bPeticion);
        await queue.complete(j.id, 'w');
      }
      // Round robin among the empresas with work: each gets a turn before anyone gets a second.
      assert.deepEqual(new Set(order.slice(0, 3)), new Set([a.empresa.id, b.empresa.id, c.empresa.id]));
      assert.deepEqual(order.slice(3), [a.empresa.id, c.empresa.id, a.empresa.id]);
      // Within an empresa, oldest first.
      const cJobs = await db.rows(`SELECT peticion_id FROM jobs WHERE empresa_id = ? AND state = 'done' ORDER BY id`, [c.empresa.id]);
      assert.deepEqual(cJobs.map((r) => Number(r.peticion_id)), cPeticiones);
    });

    test('fairness holds when the burst arrived first and has been served for a while', async () => {
      const a = await createTenant(store);
      const b = await createTenant(store);
      await enqueue(a, 300);
      for (let i = 0; i < 50; i++) {
        const j = (await queue.claim('w', LEASE))!;
        await queue.complete(j.id, 'w');
      }
      const [bPeticion] = await enqueue(b, 1);
      const next = (await queue.claim('w', LEASE))!;
      assert.equal(next.peticionId, bPeticion, 'the newcomer is served on the very next claim');
    });

    // PostgreSQL only: a claim on SQLite holds the write lock, so no concurrent claimer holds rows
    // (defined, not skipped: under CI a skipped test fails the run).
    if (backend.name === 'postgres') test('when another claimer holds every runnable job of the first lane, the next lane\'s job is claimed', async () => {
      const a = await createTenant(store);
      const b = await createTenant(store);
      await enqueue(a, 2);
      now += 1;
      const [bPeticion] = await enqueue(b, 1);
      // A claimer in mid-claim (its transaction open) has locked a's jobs; a's lane comes first.
      const other = new pg.Client({ connectionString: (db.target as { url: string }).url, options: `-c search_path=${(db.target as { schema: string }).schema}` });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT id FROM jobs WHERE empresa_id = $1 FOR UPDATE', [a.empresa.id]);
        const j = await queue.claim('w', LEASE);
        assert.equal(j?.peticionId, bPeticion);
        assert.equal(await queue.claim('w', LEASE), null, 'only locked jobs are left');
        // The next lanes' statement reads the peticion too, when given the reader.
        await queue.release(j!.id, 'w');
        const read = await openQueue({ peticionOfClaim: true }).claim('w', LEASE);
        assert.deepEqual([read?.peticionId, read?.subject], [bPeticion, await store.getPeticion(bPeticion)]);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
      assert.equal((await queue.claim('w', LEASE))?.empresaId, a.empresa.id, 'unlocked, a\'s jobs are claimable again');
    });

    test('several workers on several connections and 2 other processes drain 1,000 jobs, each exactly once', async (ctx) => {
      const tenants = [await createTenant(store), await createTenant(store), await createTenant(store)];
      const all: number[] = [];
      for (let i = 0; i < 1_000; i++) all.push(...(await enqueue(tenants[i % 3])));
      const queues = [queue, openQueue(), openQueue(), openQueue()];
      const startAt = Date.now() + 1_500;
      const children = [1, 2].map((n) => runChild<number[]>({ op: 'drain', target: db.target, startAt, workerId: `child-${n}`, loops: 3, clockMs: now }));
      await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
      const claimed: number[] = [];
      const t0 = performance.now();
      await Promise.all(queues.flatMap((q, qi) => [0, 1].map(async (li) => {
        const w = `local-${qi}-${li}`;
        for (;;) {
          const j = await q.claim(w, LEASE);
          if (!j) return;
          assert.equal(j.attempts, 1);
          claimed.push(j.id);
          await q.complete(j.id, w);
        }
      })));
      const localMs = performance.now() - t0;
      const remote = (await Promise.all(children)).flat();
      const ids = [...claimed, ...remote];
      assert.equal(ids.length, 1_000, `claimed ${ids.length}`);
      assert.equal(new Set(ids).size, 1_000, 'no job claimed twice');
      assert.deepEqual(await queue.stats(), { ready: 0, running: 0, done: 1_000, dead: 0 });
      const peticiones = await db.rows('SELECT peticion_id FROM jobs');
      assert.deepEqual(peticiones.map((r) => Number(r.peticion_id)).sort((x, y) => x - y), [...all].sort((x, y) => x - y));
      ctx.diagnostic(`local workers claimed ${claimed.length}, children ${remote.length}, local drain ${localMs.toFixed(0)} ms`);
    });

    test('waitForWork returns at once for a wake-up that came while nobody waited, on abort, and on close', async () => {
      // Each wait could last 60 s; it must end within WAKE_BOUND_MS, or a wake-up that does nothing would pass.
      await queue.notify();
      assert.equal(await within(queue.waitForWork(60_000).then(() => 'woken'), WAKE_BOUND_MS, 'still waiting'), 'woken', 'the pending wake-up');
      const ac = new AbortController();
      const waiting = queue.waitForWork(60_000, ac.signal);
      ac.abort();
      assert.equal(await within(waiting.then(() => 'woken'), WAKE_BOUND_MS, 'still waiting'), 'woken', 'abort');
      const q = openQueue({ pollMs: 60_000 });
      const closing = q.waitForWork(60_000);
      await q.close();
      assert.equal(await within(closing.then(() => 'woken'), WAKE_BOUND_MS, 'still waiting'), 'woken', 'close');
    });

    const creators: [string, (api: Store, t: Tenant) => Promise<unknown>][] = [
      ['createPeticion', (api, t) => api.createPeticion(newPeticion(t, { createdAt: new Date() }))],
      ['createPeticionForKey', (api, t) => api.createPeticionForKey(t.empresa.key, newPeticion(t, { createdAt: new Date() }))],
    ];
    for (const [name, create] of creators) {
      test(`an idle worker wakes up when a peticion is created through another connection (${name})`, async (ctx) => {
        // Real clock here: the idle probe must not find the job before the notification does.
        const worker = db.openQueue({ pollMs: 60_000 });
        const api = db.openStore();
        const t = await createTenant(api);
        // First wait sets up the listener (it may return early once subscribed); the second is the real one.
        await worker.waitForWork(500);
        let woken = false;
        const waiting = worker.waitForWork(60_000).then(() => (woken = true));
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(woken, false, 'nothing to wake for yet');
        const started = Date.now();
        await create(api, t);
        const outcome = await within(waiting.then(() => 'woken'), WAKE_BOUND_MS, 'still waiting');
        assert.equal(outcome, 'woken');
        ctx.diagnostic(`woke ${Date.now() - started} ms after ${name} returned`);
        const job = await worker.claim('w', LEASE);
        assert.ok(job);
      });
    }

    // SQLite's group commit wakes every loop with one message for the whole batch; on
    // PostgreSQL each accepted request is a NOTIFY of its own, for one loop to claim.
    if (backend.name === 'postgres') test('an accepted request wakes one idle loop of a queue object, not every one', async () => {
      const worker = db.openQueue({ pollMs: 60_000 });
      const api = db.openStore();
      const t = await createTenant(api);
      await worker.waitForWork(500); // sets up the listener
      const woken: number[] = [];
      const waits = [0, 1, 2].map((i) => worker.waitForWork(60_000).then(() => woken.push(i)));
      await new Promise((r) => setTimeout(r, 200));
      await api.createPeticionForKey(t.empresa.key, newPeticion(t, { createdAt: new Date() }));
      assert.equal(await within(waits[0]!.then(() => 'woken'), WAKE_BOUND_MS, 'still waiting'), 'woken', 'the longest waiting loop');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(woken, [0], 'the other loops still wait');
      await api.createPeticionForKey(t.empresa.key, newPeticion(t, { createdAt: new Date() }));
      assert.equal(await within(waits[1]!.then(() => 'woken'), WAKE_BOUND_MS, 'still waiting'), 'woken', 'the next request, the next loop');
      await worker.close();
      await Promise.all(waits);
    });

    test('notify() from one queue object wakes a worker waiting on another', async () => {
      const worker = db.openQueue({ pollMs: 60_000 });
      const api = db.openQueue({ pollMs: 60_000 });
      await worker.waitForWork(500);
      const waiting = worker.waitForWork(60_000).then(() => 'woken');
      await new Promise((r) => setTimeout(r, 200));
      await api.notify();
      assert.equal(await within(waiting, WAKE_BOUND_MS, 'still waiting'), 'woken');
    });
  });
}
