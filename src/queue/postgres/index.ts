/**
 * The PostgreSQL job queue, for workers in several processes on several machines.
 * Same semantics as `queue/sqlite` (one contract suite checks both); the `jobs` and
 * `queue_lanes` tables are created by `storage/postgres` migrations.
 *
 * Claiming: pick the least recently served empresa lanes that have runnable work,
 * then, lane by lane, take that empresa's oldest runnable job with
 * `FOR UPDATE SKIP LOCKED` in a single UPDATE … RETURNING statement that also stamps
 * the lane as just served. Concurrent claimers never wait for each other's job rows
 * and never get the same job; if another claimer holds every runnable job of the
 * first lane, the next lane is tried. Given a `subject` reader, the claim statement
 * also reads the job's subject row (`Job.subject`).
 *
 * Time: queue times are epoch ms from the database's clock (`clock_timestamp()`), the
 * one clock every machine agrees on; tests inject a clock instead.
 *
 * Wake-up: `createPeticion` issues NOTIFY in its transaction; an idle queue LISTENs on
 * a dedicated connection and also probes every `pollMs` (retries whose backoff ended,
 * expired leases, a lost LISTEN connection).
 */
import pg from 'pg';
import type { Job, JobQueue, QueueStats } from '../queue.ts';
import { backoffMs, failOutcome, retryPolicy, type RetryPolicy } from '../policy.ts';
import { EndSignals, WorkSignal } from '../wake.ts';
import { clientConfig, jobsChannel, nowMs, openPool, resolveTarget, withTransaction, type PostgresOptions } from '../../storage/postgres/connection.ts';

export interface PostgresQueueOptions<S = never> extends PostgresOptions {
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** See RetryPolicy: the random share of each delay (default 0.5) and its source. */
  jitter?: number;
  random?: () => number;
  /** Idle probe interval of waitForWork (the fallback when a notification is missed). */
  pollMs?: number;
  /** Fallback look of waitForEnd (when a notification is missed). */
  endPollMs?: number;
  /** Tests pass a controllable clock; by default the database's clock is used. */
  clock?: () => Date;
  /** Reads each claimed job's subject in the claim's statement (`Job.subject`); main/ supplies it. */
  subject?: ClaimSubject<S>;
}

type Row = Record<string, any>;

/**
 * A job's subject row, read in the claim's own statement: one round trip less per job.
 * The queue knows nothing of the row; the adapter that owns its table (of the same
 * database) supplies both halves.
 */
export interface ClaimSubject<S> {
  /**
   * A SELECT of at most one row: the subject of the peticion whose id is the SQL
   * expression `peticionId` (a column of the claimed row `j`; the SELECT must not name
   * `j`, `s` or `s0` itself). Joined as `LEFT JOIN LATERAL (…) ON true`, it reads the
   * claim statement's snapshot. Its column names are its own: the job's columns are
   * returned under quoted names containing a dot, which no unquoted name can take.
   */
  sql(peticionId: string): string;
  /** Its row → the subject. */
  read(row: Row): S | undefined;
}

export function openPostgresQueue<S = never>(o: PostgresQueueOptions<S>): JobQueue<S> {
  return new PostgresQueue(o);
}

/** The claimed job's columns under names no subject column can have (see ClaimSubject). */
const JOB_COLUMNS = `j.id AS "job.id", j.peticion_id AS "job.peticion_id", j.empresa_id AS "job.empresa_id",
  j.attempts AS "job.attempts", j.max_attempts AS "job.max_attempts"`;

/** The subject's columns and its LATERAL join to `j`, with a marker telling whether it has a row. */
function subjectJoin<S>(subject: ClaimSubject<S> | undefined): { columns: string; join: string } {
  if (!subject) return { columns: '', join: '' };
  return {
    columns: ', s.*',
    join: `LEFT JOIN LATERAL (SELECT true AS "subject.found", s0.* FROM (${subject.sql('j.peticion_id')}) s0) s ON true`,
  };
}

/**
 * claim()'s first statement: the least recently served lane with runnable work, and in
 * the same statement its job (see claimFromLanes for the rules). No row: nothing is
 * runnable. A row without a job: that lane's runnable jobs are all being claimed by
 * others, and the next lanes are worth a look.
 */
function claimFirstLaneSql(s: { columns: string; join: string }): string {
  return `
  WITH lane AS MATERIALIZED (
    SELECT l.empresa_id, n.now FROM (SELECT ${nowMs('$1')} AS now) n, queue_lanes l
    WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'ready' AND j.run_at <= n.now)
       OR EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'running' AND j.lease_until < n.now)
    ORDER BY l.last_served, l.empresa_id LIMIT 1
  ), j AS (
    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = (SELECT now FROM lane) + $2::bigint, worker_id = $3
    WHERE id = coalesce(
      (SELECT id FROM jobs WHERE empresa_id = (SELECT empresa_id FROM lane) AND state = 'running' AND lease_until < (SELECT now FROM lane)
        ORDER BY lease_until, id LIMIT 1 FOR UPDATE SKIP LOCKED),
      (SELECT id FROM jobs WHERE empresa_id = (SELECT empresa_id FROM lane) AND state = 'ready' AND run_at <= (SELECT now FROM lane)
        ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED))
    RETURNING id, peticion_id, empresa_id, attempts, max_attempts
  ), served AS (
    UPDATE queue_lanes SET last_served = nextval('queue_serve_seq')
    WHERE empresa_id = (SELECT empresa_id FROM queue_lanes WHERE empresa_id = (SELECT empresa_id FROM j) FOR UPDATE SKIP LOCKED)
  )
  SELECT ${JOB_COLUMNS}${s.columns} FROM lane LEFT JOIN j ON true ${s.join}`;
}

/** A set that forgets its oldest entries beyond `max` (entries whose follow-up never came). */
class BoundedSet<T> {
  private readonly items = new Set<T>();
  constructor(private readonly max: number) {}
  add(v: T): void {
    this.items.add(v);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value as T);
  }
  delete(v: T): boolean {
    return this.items.delete(v);
  }
}

/** Lanes tried per claim before giving up (all their runnable jobs locked by other claimers). */
const LANES_PER_CLAIM = 8;

class PostgresQueue<S> implements JobQueue<S> {
  private readonly pool: pg.Pool;
  private readonly policy: RetryPolicy;
  private readonly pollMs: number;
  private readonly clock?: () => Date;
  private readonly channel: string;
  private readonly signal = new WorkSignal();
  private readonly ends = new EndSignals();
  /** NOTIFY channel of ended peticiones; the payload is the peticion id. */
  private readonly endChannel: string;
  private readonly endPollMs: number;
  private listener?: Promise<pg.Client | undefined>;
  /** Peticiones whose end complete() announced and announceEnded() has not yet seen (bounded). */
  private readonly announcedByComplete = new BoundedSet(1_000);
  private closed = false;
  private readonly subjectSql: { columns: string; join: string };
  private readonly claimFirstLane: string;

  constructor(private readonly o: PostgresQueueOptions<S>) {
    // Queue statements are short and each worker loop runs one at a time (plus a lease
    // renewal): a small pool is enough and keeps max_connections for the store.
    // Every queue transition can be redone (ARCHITECTURE.md): a claim, renewal or
    // completion that a power loss forgets leaves the job to be claimed again, and the
    // job was made durable with its peticion by storage. So no queue commit waits for
    // the WAL flush.
    this.pool = openPool({ ...o, poolSize: o.poolSize ?? 4 }, 'cfdi-async queue', '-c synchronous_commit=off');
    this.policy = retryPolicy(o);
    this.pollMs = o.pollMs ?? 1_000;
    this.clock = o.clock;
    this.channel = jobsChannel(resolveTarget(o).schema);
    this.endChannel = `${this.channel}_fin`;
    this.endPollMs = o.endPollMs ?? 1_000;
    this.subjectSql = subjectJoin(o.subject);
    this.claimFirstLane = claimFirstLaneSql(this.subjectSql);
  }

  /** The injected clock as a parameter, or null for the database's clock (see `nowMs`). */
  private nowParam(): number | null {
    return this.clock ? this.clock().getTime() : null;
  }

  /**
   * The usual claim is one statement: the first lane and its job. Only when every
   * runnable job of that lane is locked by another claimer are the next lanes tried,
   * one statement each.
   */
  async claim(workerId: string, leaseMs: number): Promise<Job<S> | null> {
    const first = (await this.pool.query(this.claimFirstLane, [this.nowParam(), leaseMs, workerId])).rows[0] as Row | undefined;
    if (!first) return null;
    if (first['job.id'] != null) return this.job(first);
    return this.claimFromLanes(workerId, leaseMs);
  }

  private job(r: Row): Job<S> {
    const job: Job<S> = {
      id: r['job.id'], peticionId: r['job.peticion_id'], empresaId: r['job.empresa_id'], attempts: r['job.attempts'],
      maxAttempts: r['job.max_attempts'] ?? this.policy.maxAttempts,
    };
    const subject = r['subject.found'] === true ? this.o.subject?.read(r) : undefined;
    if (subject !== undefined) job.subject = subject;
    return job;
  }

  private async claimFromLanes(workerId: string, leaseMs: number): Promise<Job<S> | null> {
    const lanes = await this.pool.query(`
      SELECT l.empresa_id, n.now FROM (SELECT ${nowMs('$1')} AS now) n, queue_lanes l
      WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'ready' AND j.run_at <= n.now)
         OR EXISTS (SELECT 1 FROM jobs j WHERE j.empresa_id = l.empresa_id AND j.state = 'running' AND j.lease_until < n.now)
      ORDER BY l.last_served, l.empresa_id LIMIT ${LANES_PER_CLAIM}`, [this.nowParam()]);
    for (const lane of lanes.rows as Row[]) {
      // A job whose lease expired was claimed before any job that is merely ready: it goes first.
      // attempts counts claims, so a job whose worker keeps dying reaches maxAttempts too;
      // it stays claimable beyond it so that the caller can fail it for good.
      const r = await this.pool.query(`
        WITH j AS (
          UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = $2::bigint + $3::bigint, worker_id = $4
          WHERE id = coalesce(
            (SELECT id FROM jobs WHERE empresa_id = $1 AND state = 'running' AND lease_until < $2
              ORDER BY lease_until, id LIMIT 1 FOR UPDATE SKIP LOCKED),
            (SELECT id FROM jobs WHERE empresa_id = $1 AND state = 'ready' AND run_at <= $2
              ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED))
          RETURNING id, peticion_id, empresa_id, attempts, max_attempts
        ), served AS (
          -- SKIP LOCKED: when a concurrent claimer is stamping this lane, its stamp serves
          -- for both; waiting for it would serialize all claims of one empresa on one row.
          UPDATE queue_lanes SET last_served = nextval('queue_serve_seq')
          WHERE empresa_id = (SELECT empresa_id FROM queue_lanes WHERE empresa_id = $1 AND EXISTS (SELECT 1 FROM j) FOR UPDATE SKIP LOCKED)
        )
        SELECT ${JOB_COLUMNS}${this.subjectSql.columns} FROM j ${this.subjectSql.join}`, [lane.empresa_id, lane.now, leaseMs, workerId]);
      const j = r.rows[0] as Row | undefined;
      if (j) return this.job(j);
    }
    return null;
  }

  async renew(jobId: number, workerId: string, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE jobs SET lease_until = ${nowMs('$4')} + $3 WHERE id = $1 AND worker_id = $2 AND state = 'running'`,
      [jobId, workerId, leaseMs, this.nowParam()]);
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * A no-op when the job is no longer held by `workerId` (its lease expired and another
   * worker took it). The job's end is announced to other processes in the same
   * statement (a worker announces it next: see `announceEnded`).
   */
  async complete(jobId: number, workerId: string): Promise<void> {
    const r = await this.pool.query(`
      WITH d AS (
        UPDATE jobs SET state = 'done', lease_until = NULL WHERE id = $1 AND worker_id = $2 AND state = 'running' RETURNING peticion_id
      )
      SELECT peticion_id, pg_notify($3, peticion_id::text) FROM d`, [jobId, workerId, this.endChannel]);
    const p = (r.rows[0] as Row | undefined)?.peticion_id as number | undefined;
    if (p !== undefined) this.announcedByComplete.add(p);
  }

  /**
   * A worker that no longer holds the job gets 'retrying': the job's fate belongs to
   * its current holder, and the caller must not finalize the peticion.
   */
  async fail(jobId: number, workerId: string, error: string, retryable: boolean): Promise<'retrying' | 'dead'> {
    return withTransaction(this.pool, async (c) => {
      const j = (await c.query(`SELECT attempts, max_attempts FROM jobs WHERE id = $1 AND worker_id = $2 AND state = 'running' FOR UPDATE`,
        [jobId, workerId])).rows[0] as Row | undefined;
      if (!j) return 'retrying' as const;
      const outcome = failOutcome(retryable, j.attempts, j.max_attempts ?? this.policy.maxAttempts);
      if (outcome === 'retrying') {
        await c.query(`UPDATE jobs SET state = 'ready', run_at = ${nowMs('$4')} + $3, lease_until = NULL, worker_id = NULL, last_error = $2 WHERE id = $1`,
          [jobId, error, backoffMs(this.policy, j.attempts), this.nowParam()]);
      } else {
        await c.query(`UPDATE jobs SET state = 'dead', lease_until = NULL, last_error = $2 WHERE id = $1`, [jobId, error]);
      }
      return outcome;
    });
  }

  /** Back to ready at its old place in line, the attempt not counted; wakes other workers. */
  async release(jobId: number, workerId: string, delayMs = 0): Promise<void> {
    const r = await this.pool.query(`
      WITH r AS (
        UPDATE jobs SET state = 'ready', attempts = greatest(attempts - 1, 0), lease_until = NULL, worker_id = NULL,
          run_at = CASE WHEN $4::bigint > 0 THEN ${nowMs('$5')} + $4::bigint ELSE run_at END
        WHERE id = $1 AND worker_id = $2 AND state = 'running' RETURNING id
      )
      SELECT pg_notify($3, '') FROM r`, [jobId, workerId, this.channel, delayMs, this.nowParam()]);
    if ((r.rowCount ?? 0) > 0) this.signal.wake();
  }

  async waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    void this.listen();
    await this.signal.wait(timeoutMs, this.pollMs, async () => {
      const r = await this.pool.query(`SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'ready' AND run_at <= ${nowMs('$1')})
        OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_until < ${nowMs('$1')}) AS runnable`, [this.nowParam()]);
      return r.rows[0].runnable === true;
    }, signal);
  }

  /** Wakes this process's waiters at once and, through NOTIFY, every other process's. */
  async notify(): Promise<void> {
    this.signal.wake();
    await this.pool.query(`SELECT pg_notify($1, '')`, [this.channel]);
  }

  async stats(): Promise<QueueStats> {
    const s: QueueStats = { ready: 0, running: 0, done: 0, dead: 0 };
    for (const r of (await this.pool.query('SELECT state, count(*)::integer AS n FROM jobs GROUP BY state')).rows as Row[]) {
      s[r.state as keyof QueueStats] = r.n;
    }
    return s;
  }

  async announceEnded(peticionId: number): Promise<void> {
    this.ends.wake(peticionId);
    // Already sent by complete(): saves the round trip a worker makes right after it.
    if (this.announcedByComplete.delete(peticionId)) return;
    await this.pool.query(`SELECT pg_notify($1, $2)`, [this.endChannel, String(peticionId)]);
  }

  async waitForEnd(peticionId: number, timeoutMs: number, ended: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean> {
    void this.listen();
    return this.ends.wait(peticionId, timeoutMs, this.endPollMs, ended, signal);
  }

  async oldestWaitMs(): Promise<number> {
    const r = await this.pool.query(`SELECT n.now - min(j.run_at) AS wait FROM (SELECT ${nowMs('$1')} AS now) n
      LEFT JOIN jobs j ON j.state = 'ready' AND j.run_at <= n.now GROUP BY n.now`, [this.nowParam()]);
    return Number(r.rows[0]?.wait ?? 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signal.close();
    this.ends.close();
    const l = await this.listener?.catch(() => undefined);
    await l?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * One LISTEN connection per queue object, opened on first wait. If it breaks, it is
   * dropped and reopened on the next wait; meanwhile the probe keeps workers going.
   */
  private listen(): Promise<pg.Client | undefined> {
    if (this.listener || this.closed) return this.listener ?? Promise.resolve(undefined);
    const client = new pg.Client(clientConfig(this.o, 'cfdi-async listener'));
    const drop = () => {
      this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('notification', (m) => {
      if (m.channel === this.endChannel) this.ends.wake(Number(m.payload));
      // Each NOTIFY stands for one job (an accepted request, a released job): one idle
      // loop of this thread claims it. Waking them all made every idle loop of every
      // thread claim, all but one for nothing: a round trip each (issue 17).
      else this.signal.wakeOne();
    });
    client.on('error', drop);
    client.on('end', () => {
      if (this.listener && !this.closed) this.listener = undefined;
    });
    this.listener = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        await client.query(`LISTEN ${this.endChannel}`);
        // Work may have arrived, and peticiones ended, while we were connecting: let the callers look again.
        this.signal.wake();
        this.ends.wakeAll();
        return client;
      } catch {
        drop();
        return undefined;
      }
    })();
    return this.listener;
  }
}
