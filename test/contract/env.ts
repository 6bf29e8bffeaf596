/**
 * The backends the contract suites run against. Each test gets a fresh database:
 * SQLite a new file in a temp directory, PostgreSQL a new random schema in the
 * database named by CFDI_TEST_PG_URL (dropped afterwards). Child processes
 * (`child.ts`) open the same database from the description `target`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Peticion, Store } from '../../src/storage/store.ts';
import type { JobQueue } from '../../src/queue/queue.ts';
import { openSqliteStore } from '../../src/storage/sqlite/index.ts';
import { openSqliteQueue } from '../../src/queue/sqlite/index.ts';
import { openPostgresStore, peticionOfClaim } from '../../src/storage/postgres/index.ts';
import { openPostgresQueue } from '../../src/queue/postgres/index.ts';

/** Where a database is; serializable for child processes. */
export type Target = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export interface QueueOptions {
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  jitter?: number;
  random?: () => number;
  clock?: () => Date;
  pollMs?: number;
  /** Fallback look of waitForEnd (issue 14). */
  endPollMs?: number;
  /** Claims read their job's peticion as main/ wires it (PostgreSQL; SQLite's adapter reads none). */
  peticionOfClaim?: boolean;
}

export interface TestDb {
  target: Target;
  openStore(o?: { clock?: () => Date }): Store;
  openQueue(o?: QueueOptions): JobQueue<Peticion>;
  /** Backend-specific SQL for assertions the ports do not expose (`?` placeholders on both). */
  rows(sql: string, params?: unknown[]): Promise<Record<string, any>[]>;
  dispose(): Promise<void>;
}

export interface Backend {
  name: string;
  /** Why the backend is skipped, when it is. */
  skip?: string;
  create(): Promise<TestDb>;
}

const PG_URL = process.env.CFDI_TEST_PG_URL;

export const BACKENDS: Backend[] = [
  { name: 'sqlite', create: createSqlite },
  {
    name: 'postgres',
    skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set: PostgreSQL contract skipped (e.g. postgres://postgres@127.0.0.1:5432/test)',
    create: createPostgres,
  },
];

/** Opens a store or queue for a target (used by tests and child processes). */
export function openStoreAt(t: Target, o: { clock?: () => Date; poolSize?: number } = {}): Store {
  return t.kind === 'sqlite' ? openSqliteStore({ file: t.file, ...o }) : openPostgresStore({ url: t.url, schema: t.schema, ...o });
}

export function openQueueAt(t: Target, { peticionOfClaim: withPeticion, ...o }: QueueOptions = {}): JobQueue<Peticion> {
  if (t.kind === 'sqlite') return openSqliteQueue({ file: t.file, ...o });
  return openPostgresQueue({ url: t.url, schema: t.schema, ...o, subject: withPeticion ? peticionOfClaim : undefined });
}

async function createSqlite(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-contract-'));
  const target: Target = { kind: 'sqlite', file: join(dir, 'cfdi.db') };
  return track(target, async (sql, params) => {
    const db = new Database(target.file);
    try {
      db.pragma('busy_timeout = 15000');
      const stmt = db.prepare(sql);
      if (!stmt.reader) {
        stmt.run(...(params ?? []));
        return [];
      }
      return stmt.all(...(params ?? [])) as Record<string, any>[];
    } finally {
      db.close();
    }
  }, async () => rmSync(dir, { recursive: true, force: true }));
}

async function createPostgres(): Promise<TestDb> {
  const schema = `cfdi_test_${randomBytes(6).toString('hex')}`;
  const target: Target = { kind: 'postgres', url: PG_URL!, schema };
  const admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await admin.connect();
  return track(target, async (sql, params) => {
    let i = 0;
    const r = await admin.query(sql.replace(/\?/g, () => `$${++i}`), params ?? []);
    return r.rows;
  }, async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
}

/**
 * A schema of its own on CFDI_TEST_PG_URL for a whole service: `url` is a
 * CFDI_DATABASE_URL with `?schema=` (its first migrate creates it); `drop` removes it.
 */
export function postgresSchema(prefix: string): { name: string; url: string; drop(): Promise<void> } {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const u = new URL(PG_URL!);
  u.searchParams.set('schema', name);
  return {
    name,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

function track(target: Target, rows: TestDb['rows'], drop: () => Promise<void>): TestDb {
  const open: { close(): Promise<void> }[] = [];
  return {
    target,
    openStore(o) {
      const s = openStoreAt(target, o);
      open.push(s);
      return s;
    },
    openQueue(o) {
      const q = openQueueAt(target, o);
      open.push(q);
      return q;
    },
    rows,
    async dispose() {
      await Promise.allSettled(open.map((c) => c.close()));
      await drop();
    },
  };
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Runs `child.ts` with a command; resolves with its JSON output. */
export function runChild<T>(command: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(command)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else {
        try {
          resolve(JSON.parse(out) as T);
        } catch {
          reject(new Error(`child printed no JSON: ${out} ${err}`));
        }
      }
    });
  });
}
