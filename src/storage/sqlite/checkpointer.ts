/**
 * Background WAL checkpoints for a process's SQLite file. By default SQLite checkpoints
 * inside the commit that pushes the WAL past 1000 pages: that writer, holding the write
 * lock every other thread waits on, copies ~4 MB into the database file and fsyncs it —
 * a 10–30 ms stall every few dozen documents, two thirds of all write time in a measured
 * loop of 30 KB commits (bench note in docs/benchmarks.md). Here a thread of its own runs
 * PASSIVE checkpoints (they take no write lock and never block writers or readers) a few
 * times a second, and the process's connections raise their own threshold to a backstop
 * (CHECKPOINT_BACKSTOP_PAGES) that is reached only if this thread falls behind or dies.
 */
import { Worker } from 'node:worker_threads';

/** wal_autocheckpoint of connections in a process that runs the checkpointer (~40 MB of WAL). */
export const CHECKPOINT_BACKSTOP_PAGES = 10_000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, o: { intervalMs?: number; onError?: (e: Error) => void } = {}): Checkpointer {
  const worker = new Worker(new URL('./checkpointer-thread.mjs', import.meta.url), {
    // 5 passes a second: at 500 documents/s (~15 pages each) a pass has ~1,500 pages to copy, far below the backstop.
    workerData: { file, intervalMs: o.intervalMs ?? 200 },
    // It holds nothing but a connection: a small heap keeps the thread's memory small.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  // The backstop keeps the WAL bounded without it; say so, never crash the process.
  worker.on('error', (e) => o.onError?.(e));
  return {
    async stop() {
      await worker.terminate();
    },
  };
}
