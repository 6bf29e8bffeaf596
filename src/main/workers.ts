/** Starts and stops the pipeline worker threads of this process. */
import { once } from 'node:events';
import { hostname } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { spawnTsWorker } from '../shared/ts-worker.ts';
import { releaseWriteLockOf } from '../storage/sqlite/write-lock.ts';

export interface WorkerPool {
  size: number;
  /** Graceful: running jobs finish (or are released after graceMs). */
  stop(graceMs?: number): Promise<void>;
}

/** `sqliteWriteLock`: the process's SQLite writer mutex, passed to every thread by reference. */
export async function startWorkerThreads(config: Readonly<Config>, count: number, sqliteWriteLock?: SharedArrayBuffer): Promise<WorkerPool> {
  const threads: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const w = spawnTsWorker(new URL('./worker-thread.ts', import.meta.url), {
      workerData: { config: structuredClone(config), workerId: `${hostname()}-${process.pid}-${i}`, sqliteWriteLock },
    });
    threads.push(w);
    // A thread terminated in the middle of a write must not keep the others waiting.
    const tid = w.threadId;
    w.once('exit', () => releaseWriteLockOf(sqliteWriteLock, tid));
    const [msg] = (await Promise.race([once(w, 'message'), once(w, 'error').then(([e]) => { throw e; })])) as [{ type: string }];
    if (msg.type !== 'started') throw new Error(`worker ${i} did not start`);
  }
  return {
    size: count,
    async stop(graceMs = 10_000) {
      await Promise.all(
        threads.map(async (w) => {
          w.postMessage({ type: 'stop', graceMs });
          const stopped = once(w, 'message');
          const timeout = new Promise((r) => setTimeout(r, graceMs + 5_000).unref());
          await Promise.race([stopped, timeout]);
          await w.terminate();
        }),
      );
    },
  };
}
