/**
 * An in-process writer mutex for the SQLite connections of one process's threads (the
 * API thread and the pipeline worker threads each have their own connection to the
 * same file). Writers queue here with Atomics.wait instead of in SQLite's busy
 * handler, which sleeps in coarse steps (1, 2, 5, 10 … 100 ms) inside native code and
 * so leaves the lock idle while threads sleep. busy_timeout stays the fallback
 * against other processes on the same file.
 *
 * The lock is one Int32 in a SharedArrayBuffer: 0 when free, else the holder's
 * threadId + 1. A thread that already holds it runs nested writes directly
 * (re-entrant), and only the outermost call releases it. The critical section is
 * synchronous (better-sqlite3 is), so the lock is never held across an await.
 */
import { threadId } from 'node:worker_threads';

const FREE = 0;
const ME = threadId + 1;
/** Each Atomics.wait is bounded so that a lost wake-up costs at most this long. */
const WAIT_SLICE_MS = 50;

export function createWriteLock(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** The view withWriteLock takes; undefined when no lock is shared (the lock is skipped). */
export function writeLockView(lock: SharedArrayBuffer | undefined): Int32Array | undefined {
  return lock ? new Int32Array(lock, 0, 1) : undefined;
}

/**
 * Runs `fn` holding the lock. Waits at most `timeoutMs` (like busy_timeout), then
 * throws an error with code SQLITE_BUSY, as the database would.
 */
export function withWriteLock<T>(lock: Int32Array | undefined, fn: () => T, timeoutMs = 15_000): T {
  if (!lock) return fn();
  let holder = Atomics.compareExchange(lock, 0, FREE, ME);
  if (holder === ME) return fn(); // re-entrant: the outer call releases
  if (holder !== FREE) {
    const deadline = Date.now() + timeoutMs;
    do {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw Object.assign(new Error(`database write lock held by thread ${holder - 1} for more than ${timeoutMs} ms`), { code: 'SQLITE_BUSY' });
      }
      Atomics.wait(lock, 0, holder, Math.min(WAIT_SLICE_MS, left));
      holder = Atomics.compareExchange(lock, 0, FREE, ME);
    } while (holder !== FREE);
  }
  try {
    return fn();
  } finally {
    Atomics.store(lock, 0, FREE);
    Atomics.notify(lock, 0, 1);
  }
}

/**
 * Frees the lock if the given (terminated) thread still holds it: a worker stopped in
 * the middle of a write must not leave the others waiting for good.
 */
export function releaseWriteLockOf(lock: SharedArrayBuffer | undefined, deadThreadId: number): void {
  const view = writeLockView(lock);
  if (view && Atomics.compareExchange(view, 0, deadThreadId + 1, FREE) === deadThreadId + 1) Atomics.notify(view, 0, 1);
}
