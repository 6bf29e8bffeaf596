/**
 * The SQLite job queue: the `jobs` table written by `storage/sqlite` (migrations live
 * there), one connection per queue object, any number of them on the same file from
 * worker threads and processes.
 *
 * Claiming runs in an IMMEDIATE transaction, so the write lock serializes claimers
 * and no two get the same job; a crashed worker's job comes back when its lease
 * expires (at-least-once). Fairness: each empresa has a lane (`queue_lanes`); a claim
 * serves the least recently served lane that has runnable work, then that empresa's
 * oldest runnable job. An empresa with 10,000 ready jobs therefore gets every other
 * claim at most while another empresa has work, instead of all of them.
 *
 * Times are epoch milliseconds from `clock` (the machine's clock by default: every
 * connection to an SQLite file runs on the same machine).
 */
import type Database from 'better-sqlite3';
import { BroadcastChannel } from 'node:worker_threads';
import type { Job, JobQueue, QueueStats } from '../queue.ts';
import { backoffMs, failOutcome, retryPolicy, type RetryPolicy } from '../policy.ts';
import { EndSignals, WorkSignal } from '../wake.ts';
import { openDatabase, statementCache, wakeChannelName, type SqliteOptions } from '../../storage/sqlite/connection.ts';
import { withWriteLock, writeLockView } from '../../storage/sqlite/write-lock.ts';

export interface SqliteQueueOptions extends SqliteOptions {
  file: string;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** See RetryPolicy: the random share of each delay (default 0.5) and its source. */
  jitter?: number;
  random?: () => number;
  busyTimeoutMs?: number;
  /** Idle probe interval of waitForWork; other processes' jobs are noticed this late at worst. */
  pollMs?: number;
  /** Fallback look of waitForEnd: the end of a peticion processed by another process is noticed this late at worst. */
  endPollMs?: number;
  /** Tests pass a controllable clock; leases and backoff are computed from it. */
  clock?: () => Date;
  /** Shared by the threads of one process (see storage/sqlite/write-lock.ts). */
  writeLock?: SharedArrayBuffer;
}

/** Its jobs carry no subject (`Job.subject`): the caller's read of it is in-process, no round trip. */
export function openSqliteQueue(o: SqliteQueueOptions): JobQueue<never> {
  return new SqliteQueue(o);
}

type Row = Record<string, any>;

class SqliteQueue implements JobQueue<never> {
  private readonly db: Database.Database;
  private readonly policy: RetryPolicy;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly signal = new WorkSignal();
  private readonly channelName: string;
  private channel?: BroadcastChannel;
  private readonly ends = new EndSignals();
  private endChannel?: BroadcastChannel;
  private readonly endPollMs: number;
  // Prepared on first use: the queue may be opened before the store has migrated.
  private claimTx?: (workerId: string, leaseMs: number) => Job<never> | null;
  private failTx?: (jobId: number, workerId: string, error: string, retryable: boolean) => 'retrying' | 'dead';
  private probe?: Database.Statement;
  private readonly lock?: Int32Array;
  private readonly q: (sql: string) => Database.Statement;

  constructor(o: SqliteQueueOptions) {
    this.db = openDatabase(o);
    this.q = statementCache(this.db);
    this.lock = writeLockView(o.writeLock);
    this.policy = retryPolicy(o);
    this.pollMs = o.pollMs ?? 50;
    this.endPollMs = o.endPollMs ?? 1_000;
    const clock = o.clock;
    this.now = clock ? () => clock().getTime() : Date.now;
    this.channelName = wakeChannelName(o.file);
  }

  async claim(workerId: string, leaseMs: number): Promise<Job<never> | null> {
    return (this.claimTx ??= this.prepareClaim())(workerId, leaseMs);
  }

  async renew(jobId: number, workerId: string, leaseMs: number): Promise<boolean> {
    const stmt = this.q(`UPDATE jobs SET lease_until = ? WHERE id = ? AND worker_id = ? AND state = 'running'`);
    const r = withWriteLock(this.lock, () => stmt.run(this.now() + leaseMs, jobId, workerId));
    return r.changes > 0;
  }

  /** A no-op when the job is no longer held by `workerId` (its lease expired and another worker took it). */
  async complete(jobId: number, workerId: string): Promise<void> {
    const stmt = this.q(`UPDATE jobs SET state = 'done', lease_until = NULL WHERE id = ? AND worker_id = ? AND state = 'running'`);
    withWriteLock(this.lock, () => stmt.run(jobId, workerId));
  }

  /**
   * A worker that no longer holds the job gets 'retrying': the job's fate belongs to
   * its current holder, and the caller must not finalize the peticion.
   */
  async fail(jobId: number, workerId: string, error: string, retryable: boolean): Promise<'retrying' | 'dead'> {
    return (this.failTx ??= this.prepareFail())(jobId, workerId, error, retryable);
  }

  /** Back to ready at its old place in line, the attempt not counted. */
  async release(jobId: number, workerId: string, delayMs = 0): Promise<void> {
    const stmt = this.q(`UPDATE jobs SET state = 'ready', attempts = max(attempts - 1, 0), lease_until = NULL, worker_id = NULL,
                run_at = CASE WHEN @delay > 0 THEN @now + @delay ELSE run_at END
                WHERE id = @id AND worker_id = @worker AND state = 'running'`);
    const r = withWriteLock(this.lock, () => stmt.run({ id: jobId, worker: workerId, delay: delayMs, now: this.now() }));
    if (r.changes > 0) await this.notify();
  }

  async waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.listen();
    const probe = (this.probe ??= this.db.prepare(`SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'ready' AND run_at <= @now)
      OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_until < @now) AS runnable`).pluck());
    await this.signal.wait(timeoutMs, this.pollMs, () => this.db.open && probe.get({ now: this.now() }) === 1, signal);
  }

  async notify(): Promise<void> {
    this.signal.wake();
    this.listen();
    this.channel?.postMessage('job');
  }

  async stats(): Promise<QueueStats> {
    const s: QueueStats = { ready: 0, running: 0, done: 0, dead: 0 };
    for (const r of this.q('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as Row[]) {
      s[r.state as keyof QueueStats] = r.n;
    }
    return s;
  }

  async announceEnded(peticionId: number): Promise<void> {
    this.ends.wake(peticionId);
    (this.endChannel ??= this.openEndChannel()).postMessage(peticionId);
  }

  async waitForEnd(peticionId: number, timeoutMs: number, ended: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean> {
    this.endChannel ??= this.openEndChannel();
    return this.ends.wait(peticionId, timeoutMs, this.endPollMs, ended, signal);
  }

  /** The file's channel of ended peticiones: every thread of the process that announces or waits joins it. */
  private openEndChannel(): BroadcastChannel {
    const c = new BroadcastChannel(`${this.channelName}:fin`);
    c.onmessage = (m: unknown) => {
      const id = (m as { data: unknown }).data;
      if (typeof id === 'number') this.ends.wake(id);
    };
    c.unref();
    return c;
  }

  async oldestWaitMs(): Promise<number> {
    const now = this.now();
    const r = this.q("SELECT min(run_at) AS t FROM jobs WHERE state = 'ready' AND run_at <= ?").get(now) as Row;
    return r.t === null ? 0 : now - r.t;
  }

  async close(): Promise<void> {
    this.signal.close();
    this.ends.close();
    this.endChannel?.close();
    this.endChannel = undefined;
    this.channel?.close();
    this.channel = undefined;
    if (this.db.open) this.db.close();
  }

  /** Joins the file's channel so that other threads' notify() and createPeticion wake us. */
  private listen(): void {
    if (this.channel || !this.db.open) return;
    this.channel = new BroadcastChannel(this.channelName);
    this.channel.onmessage = () => this.signal.wake();
    this.channel.unref();
  }

  private prepareClaim(): (workerId: string, leaseMs: number) => Job<never> | null {
    const lane = this.db.prepare(`SELECT l.empresa_id FROM queue_lanes l
      WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'ready' AND j.run_at <= @now)
         OR EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'running' AND j.lease_until < @now)
      ORDER BY l.last_served, l.empresa_id LIMIT 1`).pluck();
    // A job whose lease expired was claimed before any job that is merely ready: it is older.
    const expired = this.db.prepare(`SELECT id FROM jobs WHERE empresa_id = ? AND state = 'running' AND lease_until < ?
      ORDER BY lease_until, id LIMIT 1`).pluck();
    const ready = this.db.prepare(`SELECT id FROM jobs WHERE empresa_id = ? AND state = 'ready' AND run_at <= ?
      ORDER BY run_at, id LIMIT 1`).pluck();
    // attempts counts claims, so a job whose worker keeps dying reaches maxAttempts too;
    // it stays claimable beyond it so that the caller can fail it for good.
    const take = this.db.prepare(`UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = ?, worker_id = ?
      WHERE id = ? RETURNING id, peticion_id, empresa_id, attempts, max_attempts`);
    const served = this.db.prepare(`UPDATE queue_lanes SET last_served = (SELECT max(last_served) FROM queue_lanes) + 1
      WHERE empresa_id = ?`);
    const tx = this.db.transaction((workerId: string, leaseMs: number): Job<never> | null => {
      const now = this.now();
      const empresaId = lane.get({ now }) as number | undefined;
      if (empresaId === undefined) return null; // another claimer was first since the look below
      const id = (expired.get(empresaId, now) ?? ready.get(empresaId, now)) as number;
      const r = take.get(now + leaseMs, workerId, id) as Row;
      served.run(empresaId);
      return { id: r.id, peticionId: r.peticion_id, empresaId: r.empresa_id, attempts: r.attempts, maxAttempts: r.max_attempts ?? this.policy.maxAttempts };
    });
    // Every loop of every thread wakes on each new job, and all but one find nothing: they
    // look first without a transaction (a WAL read takes no lock), so an empty claim costs
    // one indexed read instead of the write lock, BEGIN IMMEDIATE and COMMIT (it was 8 of
    // the 14 write transactions per CFDI in the e2e bench).
    return (workerId, leaseMs) => {
      if (lane.get({ now: this.now() }) === undefined) return null;
      return withWriteLock(this.lock, () => tx.immediate(workerId, leaseMs));
    };
  }

  private prepareFail(): (jobId: number, workerId: string, error: string, retryable: boolean) => 'retrying' | 'dead' {
    const held = this.db.prepare(`SELECT attempts, max_attempts FROM jobs WHERE id = ? AND worker_id = ? AND state = 'running'`);
    const retry = this.db.prepare(`UPDATE jobs SET state = 'ready', run_at = ?, lease_until = NULL, worker_id = NULL, last_error = ? WHERE id = ?`);
    const dead = this.db.prepare(`UPDATE jobs SET state = 'dead', lease_until = NULL, last_error = ? WHERE id = ?`);
    const tx = this.db.transaction((jobId: number, workerId: string, error: string, retryable: boolean) => {
      const j = held.get(jobId, workerId) as Row | undefined;
      if (!j) return 'retrying' as const;
      const outcome = failOutcome(retryable, j.attempts, j.max_attempts ?? this.policy.maxAttempts);
      if (outcome === 'retrying') retry.run(this.now() + backoffMs(this.policy, j.attempts), error, jobId);
      else dead.run(error, jobId);
      return outcome;
    });
    return (jobId, workerId, error, retryable) => withWriteLock(this.lock, () => tx.immediate(jobId, workerId, error, retryable));
  }
}
