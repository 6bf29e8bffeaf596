/**
 * A worker: claims jobs and runs the pipeline with a renewed lease. Several run per
 * process (worker threads) and per machine; the queue decides who gets what.
 *
 * Failure policy: document errors end inside `processPeticion`; anything thrown is an
 * operational failure, retried with backoff by the queue; when attempts run out the
 * peticion ends in `error` with GEN_INTERNO, so a client is never left polling forever.
 */
import { randomUUID } from 'node:crypto';
import type { InvoicingDeps } from './deps.ts';
import type { Job as QueueJob } from '../queue/queue.ts';
import type { Peticion } from '../storage/store.ts';
import { newCaches, processPeticion, type ProcessCaches, type Terminada } from './process.ts';
import { formatGenerationError } from '../shared/errors.ts';
import { notifyEnded } from './notifier.ts';

/** A claimed job; it may carry its peticion as the claim read it (`subject`). */
type Job = QueueJob<Peticion>;

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  /** Longest idle wait between polls when no notification arrives. */
  idleMs?: number;
  workerId?: string;
  /**
   * Pause between attempts of a request whose stamp is unknown once its attempts ran out:
   * a sealed XML may already be stamped at the PAC, so the request is never ended with
   * GEN_INTERNO; it is retried until the PAC stamps it or refuses it (issue 11).
   */
  stampRetryMs?: number;
}

export interface RunningWorker {
  readonly workerId: string;
  /** Stops claiming, lets running jobs finish (or releases them after `graceMs`), then resolves. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when every loop has ended. */
  readonly done: Promise<void>;
}

export function startWorker(d: InvoicingDeps, o: WorkerOptions): RunningWorker {
  const workerId = o.workerId ?? `w-${randomUUID().slice(0, 8)}`;
  const stopping = new AbortController();
  const caches = newCaches();
  const inFlight = new Set<Job>();
  const loops = Array.from({ length: o.concurrency }, () => loop());

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        const job = await d.queue.claim(workerId, o.leaseMs);
        if (!job) {
          failures = 0;
          await d.queue.waitForWork(o.idleMs ?? 1_000, stopping.signal);
          continue;
        }
        inFlight.add(job);
        try {
          await runJob(d, caches, workerId, job, o.leaseMs, o.stampRetryMs ?? 300_000);
        } finally {
          inFlight.delete(job);
        }
        failures = 0;
      } catch (e) {
        // The database failed under us (claim, or recording a job's end): the loop must
        // live on. A job left running comes back when its lease expires; pause, growing
        // while the failures last, so a database that is down is not hammered.
        failures++;
        d.log.error({ err: e, failures }, 'worker loop: database error; retrying');
        await sleep(Math.min(100 * 2 ** failures, 5_000), stopping.signal);
      }
    }
  }

  const done = Promise.all(loops).then(() => undefined);
  return {
    workerId,
    done,
    async stop(graceMs = 10_000) {
      stopping.abort();
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([done.then(() => 'done' as const), timer])) === 'timeout') {
        // Give unfinished jobs back now rather than after their lease expires.
        await Promise.all([...inFlight].map((j) => d.queue.release(j.id, workerId).catch(() => undefined)));
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function runJob(d: InvoicingDeps, caches: ProcessCaches, workerId: string, job: Job, leaseMs: number, stampRetryMs: number): Promise<void> {
  // A job whose worker keeps dying (the lease expires every time) ends here, unless its
  // sealed XML may be at the PAC: that one is always run again (the count cannot end it).
  if (job.attempts > job.maxAttempts && !(await stampUnknown(d, job))) {
    await finalFailure(d, workerId, job, `abandoned after ${job.attempts - 1} attempts`);
    return;
  }
  const renew = setInterval(() => {
    d.queue.renew(job.id, workerId, leaseMs).catch((e: unknown) => d.log.warn({ err: e, job: job.id }, 'lease renewal failed'));
  }, Math.max(250, Math.floor(leaseMs / 3)));
  try {
    const ended: Terminada = {};
    // The peticion as its claim read it (PostgreSQL); absent, processPeticion reads it.
    const outcome = await processPeticion(d, caches, job.peticionId, ended, job.subject);
    await notifyEnded(d, job.peticionId, ended.peticion); // idempotent; before complete, so a crash here notifies on the retry
    await d.queue.complete(job.id, workerId);
    announceEnded(d, job.peticionId);
    d.log.debug({ job: job.id, peticion: job.peticionId, outcome }, 'job finished');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const retryable = !(e instanceof Error && 'retryable' in e && (e as { retryable: unknown }).retryable === false);
    d.log.warn({ err: e, job: job.id, peticion: job.peticionId, attempt: job.attempts }, 'job failed');
    if (retryable && job.attempts >= job.maxAttempts && (await stampUnknown(d, job))) {
      d.log.error({ peticion: job.peticionId, reason: message }, 'stamp still unknown after every attempt; retried until the PAC answers');
      await d.queue.release(job.id, workerId, stampRetryMs);
      return;
    }
    const r = await d.queue.fail(job.id, workerId, message, retryable);
    if (r === 'dead') await failPeticion(d, job, message);
  } finally {
    clearInterval(renew);
  }
}

/**
 * The sealed XML was (or may have been) sent to the PAC and no answer is stored. A failed
 * read throws: "unknown" must never be taken for "not sealed", which would end a request
 * the PAC may have stamped; the job's lease expires and it is looked at again. Read now,
 * never taken from the claim: an attempt may have moved the stage since.
 */
async function stampUnknown(d: InvoicingDeps, job: Job): Promise<boolean> {
  return (await d.store.getPeticion(job.peticionId))?.stage === 'sealed';
}

async function finalFailure(d: InvoicingDeps, workerId: string, job: Job, reason: string): Promise<void> {
  // 'retrying': another worker holds the job now (this lease expired); its fate is theirs.
  if ((await d.queue.fail(job.id, workerId, reason, false)) === 'dead') await failPeticion(d, job, reason);
}

async function failPeticion(d: InvoicingDeps, job: Job, reason: string): Promise<void> {
  await endPeticion(d, job, reason);
  await notifyEnded(d, job.peticionId).catch((e: unknown) => d.log.error({ err: e, peticion: job.peticionId }, 'notifying the end of a peticion failed'));
  announceEnded(d, job.peticionId);
}

/** Wakes a synchronous PUT waiting for this peticion (issue 14); only latency depends on it (waiters also look now and then). */
function announceEnded(d: InvoicingDeps, peticionId: number): void {
  d.queue.announceEnded(peticionId).catch((e: unknown) => d.log.warn({ err: e, peticion: peticionId }, 'announcing the end of a peticion failed'));
}

async function endPeticion(d: InvoicingDeps, job: Job, reason: string): Promise<void> {
  // Read now, not taken from the claim: the failed attempt may have moved the stage.
  const p = await d.store.getPeticion(job.peticionId);
  if (p?.stage === 'stamped') {
    // The CFDI is stamped and valid: only its PDF could not be made. Serve it without one.
    d.log.error({ peticion: job.peticionId, reason }, 'PDF rendering failed for good; CFDI stored without PDF');
    await d.store.savePdf(job.peticionId, null);
    return;
  }
  if (p && p.stage !== 'done' && p.stage !== 'error') {
    await d.store.failPeticion(job.peticionId, [
      formatGenerationError('GEN_INTERNO', `No fue posible completar la petición: ${reason}`),
    ]);
  }
}
