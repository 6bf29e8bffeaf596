/**
 * The job-queue port. It knows nothing of invoices: a job names a peticion and the
 * empresa it belongs to (for fairness). Jobs are created by `Store.createPeticion`
 * in the same transaction as the request; a queue adapter of the same backend owns
 * everything after that.
 *
 * Semantics every adapter keeps (checked by `test/contract/queue.contract.test.ts`):
 * - at-least-once: a claimed job whose lease expires is claimed again;
 * - a lease (visibility timeout) that `renew` extends while the job runs;
 * - retries with exponential backoff up to `maxAttempts`, then a final `dead` state
 *   with the last error;
 * - fairness: claiming prefers the empresa that has waited longest, so one empresa's
 *   burst does not hold back another's single document;
 * - `waitForWork` resolves promptly when a job arrives (LISTEN/NOTIFY on PostgreSQL);
 * - `waitForEnd` resolves promptly when `announceEnded` is called for its peticion by
 *   any thread of the process (and any process on PostgreSQL).
 */

/**
 * `S`: the job's subject (for the pipeline, its peticion), which an adapter may read in the
 * claim's own statement; `never` for an adapter that reads none.
 */
export interface Job<S = unknown> {
  id: number;
  peticionId: number;
  empresaId: number;
  /** Attempts so far, including this one. */
  attempts: number;
  maxAttempts: number;
  /**
   * The job's subject row read in the claim's statement, when the adapter was given a way
   * to read it (PostgreSQL: one round trip less per job). Absent otherwise: the caller
   * reads it. It is the row as of the claim statement, as a read right after it would
   * give (the job is held under lease from then on).
   */
  subject?: S;
}

export interface QueueStats {
  ready: number;
  running: number;
  done: number;
  dead: number;
}

export interface JobQueue<S = unknown> {
  /** Claims the next runnable job for `workerId` with a lease of `leaseMs`, or null. */
  claim(workerId: string, leaseMs: number): Promise<Job<S> | null>;
  /** Extends the lease; false when the job is no longer held by this worker. */
  renew(jobId: number, workerId: string, leaseMs: number): Promise<boolean>;
  complete(jobId: number, workerId: string): Promise<void>;
  /**
   * A failed attempt. Retryable failures are rescheduled with backoff while attempts
   * remain; otherwise the job becomes `dead`. Returns what happened.
   */
  fail(jobId: number, workerId: string, error: string, retryable: boolean): Promise<'retrying' | 'dead'>;
  /**
   * Gives a held job back without counting the attempt (graceful shutdown). With
   * `delayMs`, it runs again no sooner than that (a stamp whose outcome is unknown is
   * retried without end: issue 11).
   */
  release(jobId: number, workerId: string, delayMs?: number): Promise<void>;
  /** Resolves when work may be available, after at most `timeoutMs`, or when `signal` aborts. */
  waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Wakes waiting workers (of this process and, where the backend can, of others). */
  notify(): Promise<void>;
  stats(): Promise<QueueStats>;
  /** How long the longest-waiting runnable job (ready, its run_at passed) has waited, in ms; 0 when none waits. */
  oldestWaitMs(): Promise<number>;
  close(): Promise<void>;

  // ── End of a peticion (issue 14: synchronous PUT) ──
  /** Tells waiters in this process and, where the backend can, in others that a peticion ended (done or error). */
  announceEnded(peticionId: number): Promise<void>;
  /**
   * Resolves true once `ended()` (the caller's database read) is true — looked at first,
   * again on each announcement for this peticion and at a slow fallback interval — or
   * false after `timeoutMs`, on abort or on close.
   */
  waitForEnd(peticionId: number, timeoutMs: number, ended: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean>;
}
