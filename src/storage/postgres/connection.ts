/**
 * Connecting to PostgreSQL the way every adapter needs it: a pool whose sessions use
 * the configured schema (tests isolate themselves in a fresh one), bigint as number
 * (ids and counters stay far below 2^53), and transactions retried on the two
 * errors PostgreSQL asks clients to retry.
 */
import pg from 'pg';
import { checkSchemaName } from '../values.ts';

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

export function clientConfig(o: PostgresOptions, applicationName: string): pg.ClientConfig {
  const { url, schema, options } = resolveTarget(o);
  const merged = [schema ? `-c search_path=${schema}` : undefined, options].filter(Boolean).join(' ');
  return {
    connectionString: url,
    application_name: applicationName,
    ...(merged ? { options: merged } : {}),
    types,
  };
}

export function openPool(o: PostgresOptions, applicationName: string): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(o, applicationName), max: o.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool drops it.
  pool.on('error', () => undefined);
  return pool;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** Runs `fn` in a transaction on one pooled client; retries it on serialization failures and deadlocks. */
export async function withTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      if (i < attempts && RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
      throw e;
    } finally {
      c.release();
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
