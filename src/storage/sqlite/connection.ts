/**
 * Opening an SQLite database the way every adapter needs it. Each thread and each
 * process opens its own connection (better-sqlite3 connections are not shared);
 * WAL lets readers run beside the one writer, and busy_timeout makes writers wait
 * for each other instead of failing with SQLITE_BUSY.
 */
import Database from 'better-sqlite3';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SqliteOptions {
  file: string;
  /** How long a writer waits for another connection's write lock. */
  busyTimeoutMs?: number;
}

export function openDatabase(o: SqliteOptions): Database.Database {
  const db = new Database(o.file);
  try {
    // busy_timeout first: switching to WAL needs a lock another opener may hold.
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(o.busyTimeoutMs ?? 15_000))}`);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL is crash-safe for the database; a power loss may only lose
    // the last commits, never corrupt (and limits.md measured 2x the commit rate). The
    // store makes the commits that must survive a power loss FULL one by one (durably()).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
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
