/**
 * Background WAL checkpoints for a process's SQLite file. By default SQLite checkpoints
 * inside the commit that pushes the WAL past 1000 pages: that writer, holding the write
 * lock every other thread waits on, copies ~4 MB into the database file and fsyncs it —
 * a 10–30 ms stall every few dozen documents, two thirds of all write time in a measured
 * loop of 30 KB commits (bench note in docs/benchmarks.md). Here a connection of its own
 * runs PASSIVE checkpoints (they take no write lock and never block writers or readers) a
 * few times a second, and the process's connections raise their own threshold to a backstop
 * (CHECKPOINT_BACKSTOP_PAGES) that is reached only if these checkpoints fall behind or stop.
 *
 * The checkpoints run on the timer of a thread the process already has (serve and worker:
 * their first pipeline thread), not in a thread of their own: a V8 isolate for this loop
 * cost ~14 MB of the server's peak RSS (docs/benchmarks.md, "Server memory").
 */
import Database from 'better-sqlite3';

/** wal_autocheckpoint of connections in a process that runs the checkpointer (~40 MB of WAL). */
export const CHECKPOINT_BACKSTOP_PAGES = 10_000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, o: { intervalMs?: number; onError?: (e: Error) => void } = {}): Checkpointer {
  // 5 passes a second: at 500 documents/s (~15 pages each) a pass has ~1,500 pages to copy, far below the backstop.
  const intervalMs = o.intervalMs ?? 200;
  const db = new Database(file);
  let timer: NodeJS.Timeout | undefined;
  const stopped = () => timer === undefined;
  try {
    db.pragma('busy_timeout = 1000');
    // This connection commits nothing; 0 keeps SQLite from checkpointing on its close either way.
    db.pragma('wal_autocheckpoint = 0');
  } catch (e) {
    db.close();
    throw e;
  }
  const tick = () => {
    try {
      // Frames that readers on older snapshots still need are left for a later pass.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      // The backstop keeps the WAL bounded without these passes; say so, never crash the thread.
      timer = undefined;
      db.close();
      o.onError?.(e as Error);
      return;
    }
    timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, 0).unref();
  return {
    async stop() {
      if (stopped()) return;
      clearTimeout(timer);
      timer = undefined;
      db.close();
    },
  };
}
