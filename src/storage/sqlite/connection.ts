/**
 * Opening an SQLite database the way every adapter needs it. Each thread and each
 * process opens its own connection (better-sqlite3 connections are not shared);
 * WAL lets readers run beside the one writer, and busy_timeout makes writers wait
 * for each other instead of failing with SQLITE_BUSY.
 */
import Database from 'better-sqlite3';
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensurePrivateFile, restrict } from '../../shared/private-files.ts';

export interface SqliteOptions {
  file: string;
  /** How long a writer waits for another connection's write lock. */
  busyTimeoutMs?: number;
  /**
   * WAL pages after which a committing writer checkpoints (SQLite's default: 1000). A process
   * with a background checkpointer (checkpointer.ts) raises it to a backstop so that writers,
   * holding the write lock, never do it themselves.
   */
  walAutocheckpoint?: number;
}

export function openDatabase(o: SqliteOptions): Database.Database {
  privateFiles(o.file);
  const db = new Database(o.file);
  try {
    // busy_timeout first: switching to WAL needs a lock another opener may hold.
    const busyMs = Math.max(0, Math.trunc(o.busyTimeoutMs ?? 15_000));
    db.pragma(`busy_timeout = ${busyMs}`);
    enableWal(db, busyMs);
    // In WAL mode NORMAL is crash-safe for the database; a power loss may only lose
    // the last commits, never corrupt (and limits.md measured 2x the commit rate). For the
    // commits that must survive a power loss the store fsyncs the WAL after the commit,
    // outside the write lock (wal-sync.ts).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (o.walAutocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(o.walAutocheckpoint))}`);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The database holds every invoice: its directory is created 0700 (when missing) and the file 0600
 * before SQLite opens it; SQLite gives the -wal and -shm files the database file's
 * permissions. Files of older releases are tightened.
 */
function privateFiles(file: string): void {
  if (file === ':memory:' || file === '') return;
  // Created 0700 when missing; an existing directory is the operator's (it may be shared).
  mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  ensurePrivateFile(file);
  restrict(`${file}-wal`);
  restrict(`${file}-shm`);
}

/**
 * Switches a database to WAL. On a fresh file the switch needs an exclusive lock, and
 * SQLite answers SQLITE_BUSY at once, without its busy handler, when another process is
 * opening or migrating the same file at that moment (the handler is skipped to avoid a
 * deadlock); so the switch is retried here until the busy timeout.
 */
function enableWal(db: Database.Database, busyMs: number): void {
  const deadline = Date.now() + busyMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
      Atomics.wait(pause, 0, 0, Math.min(50, 2 * attempt));
    }
  }
}

/**
 * The BroadcastChannel through which the threads of one process tell each other that
 * jobs arrived in this database file (other processes notice by polling).
 */
export function wakeChannelName(file: string): string {
  let path = resolve(file);
  try {
    path = realpathSync(path);
  } catch {
    // In-memory or not created yet: the resolved name is as good as any.
  }
  return `cfdi-async:jobs:${path}`;
}

/**
 * Prepared statements of one connection, by SQL text: preparing costs tens of µs, more
 * than most of our statements take to run. Prepared on first use (tables may not exist
 * before the migrations ran).
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
}
