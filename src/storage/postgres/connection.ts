/**
 * Connecting to PostgreSQL the way every adapter needs it: a pool whose sessions use
 * the configured schema (tests isolate themselves in a fresh one), bigint as number
 * (ids and counters stay far below 2^53), and transactions retried on the two
 * errors PostgreSQL asks clients to retry.
 */
import pg from 'pg';
import { checkSchemaName } from '../values.ts';
import { isDatabaseUnavailable, surelyNotExecuted } from '../unavailable.ts';

export interface PostgresOptions {
  /** `postgres://…`; a `schema` query parameter (e.g. `?schema=cfdi`) sets `schema` when that is absent. */
  url: string;
  poolSize?: number;
  /** Schema for every table; created by migrate(). Default: the server's search_path (public). */
  schema?: string;
}

/**
 * The URL without our own `schema` parameter (pg would not understand it) and the
 * schema to use: the option, else the URL's parameter. One deployment can then keep
 * several databases apart in one PostgreSQL database with nothing but CFDI_DATABASE_URL.
 * A libpq-style `options` parameter (e.g. `-c statement_timeout=30s`) is taken out too,
 * to be merged with the schema's search_path instead of replacing it.
 */
export function resolveTarget(o: PostgresOptions): { url: string; schema?: string; options?: string } {
  let url = o.url;
  let fromUrl: string | undefined;
  let options: string | undefined;
  try {
    const u = new URL(o.url);
    fromUrl = u.searchParams.get('schema') ?? undefined;
    options = u.searchParams.get('options') ?? undefined;
    if (fromUrl !== undefined || options !== undefined) {
      u.searchParams.delete('schema');
      u.searchParams.delete('options');
      url = u.toString();
    }
  } catch {
    // Not a WHATWG URL: leave it to pg to parse or reject.
  }
  const schema = o.schema ?? fromUrl;
  return { url, schema: schema === undefined ? undefined : checkSchemaName(schema), options };
}

const INT8_OID = 20;

/** Per-connection parsers: no global `pg.types` change at import time. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/**
 * `settings`: server settings of every session (`-c name=value`), before the URL's
 * own `options`, which can override them.
 */
export function clientConfig(o: PostgresOptions, applicationName: string, settings?: string): pg.ClientConfig {
  const { url, schema, options } = resolveTarget(o);
  const merged = [schema ? `-c search_path=${schema}` : undefined, settings, options].filter(Boolean).join(' ');
  return {
    connectionString: url,
    application_name: applicationName,
    ...(merged ? { options: merged } : {}),
    types,
  };
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * "cached plan must not change result type": a table of a session's prepared statement
 * changed (another process migrated). Raised before the statement ran; the session is
 * dropped, and the statement runs again on a fresh one, which prepares it anew.
 */
const STALE_PLAN = '0A000';
const isStalePlan = (e: unknown) => (e as { code?: string }).code === STALE_PLAN;

/** Distinct statement texts prepared by name; beyond it (dynamic SQL gone wild) statements go unnamed. */
const MAX_NAMED = 1_000;
const statementNames = new Map<string, string>();

/**
 * Every statement with parameters becomes a named prepared statement of its session:
 * the server parses it once per session instead of on every call (and may reuse its
 * plan), and pg skips sending it again. One name per text, shared by every pool of the
 * thread (pg refuses one name for two texts).
 */
function preparing(c: pg.PoolClient): void {
  const query = c.query.bind(c) as (...a: unknown[]) => unknown;
  (c as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values)) {
      let name = statementNames.get(config);
      if (name === undefined && statementNames.size < MAX_NAMED) statementNames.set(config, (name = `cfdi_${statementNames.size}`));
      if (name !== undefined) return query({ name, text: config }, values, callback);
    }
    return query(config, values, callback);
  };
}

/** Attempts of one statement or transaction when the connection is lost under it. */
const CONNECTION_ATTEMPTS = 4;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 50 * 2 ** attempt + Math.random() * 50));

export function openPool(o: PostgresOptions, applicationName: string, settings?: string): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(o, applicationName, settings), max: o.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool drops it.
  pool.on('error', () => undefined);
  // Nor a checked-out one (pg emits 'error' on a client between two of its queries when
  // the server ends the session, and an unheard 'error' kills the thread). The query
  // that meets the broken client fails and is retried below; the pool discards it.
  pool.on('connect', (c) => {
    c.on('error', () => undefined);
    preparing(c);
  });
  // A statement that surely did not run (the server aborted it on shutdown, or no
  // connection could be made) runs again on a fresh connection; any other failure,
  // which may have committed, is the caller's to handle.
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  (pool as { query: unknown }).query = async (...args: unknown[]) => {
    for (let i = 1; ; i++) {
      try {
        return await query(...args);
      } catch (e) {
        // pool.query already dropped the session whose plan went stale: the next one prepares afresh.
        if (isStalePlan(e) && i === 1) continue;
        if (i >= CONNECTION_ATTEMPTS || !surelyNotExecuted(e) || pool.ending) throw e;
        await pause(i);
      }
    }
  };
  return pool;
}

/**
 * Runs `fn` in a transaction on one pooled client; retries it on serialization failures
 * and deadlocks, and when the connection is lost before COMMIT was sent (the server then
 * rolled it back). A connection lost during COMMIT is not retried: it may have committed.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    let committing = false;
    let c: pg.PoolClient | undefined;
    try {
      c = await pool.connect();
      await c.query('BEGIN');
      const r = await fn(c);
      committing = true;
      await c.query('COMMIT');
      c.release();
      return r;
    } catch (e) {
      const lost = isDatabaseUnavailable(e);
      if (c) {
        if (!lost) await c.query('ROLLBACK').catch(() => undefined);
        // A broken client, or one whose prepared statements went stale, goes back with its error: the pool discards it.
        c.release(lost || isStalePlan(e) ? (e as Error) : undefined);
      }
      if ((RETRYABLE.has((e as { code?: string }).code ?? '') || isStalePlan(e)) && i < attempts) continue;
      if (lost && !committing && i < Math.max(attempts, CONNECTION_ATTEMPTS) && !pool.ending) {
        await pause(i);
        continue;
      }
      throw e;
    }
  }
}

/** The NOTIFY channel of a schema's job queue. */
export function jobsChannel(schema: string | undefined): string {
  return schema ? `cfdi_jobs_${checkSchemaName(schema)}` : 'cfdi_jobs';
}

/**
 * "Now" in epoch ms for queue times: the given parameter when the caller injects a
 * clock (tests), otherwise the database's clock, the one all machines share.
 */
export function nowMs(param: string): string {
  return `coalesce(${param}::bigint, (extract(epoch from clock_timestamp()) * 1000)::bigint)`;
}

/** A unique-violation error of PostgreSQL. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === '23505';
}
