/** Starts a worker thread whose entry is a TypeScript module (see worker-boot.mjs). */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `bundle`: the entry already bundled into JavaScript (ts-bundle.mjs): the thread then runs without tsx. */
export function spawnTsWorker(entry: URL, o: WorkerOptions & { workerData?: Record<string, unknown>; bundle?: URL } = {}): Worker {
  const { bundle, ...options } = o;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    ...options,
    workerData: { ...(o.workerData ?? {}), __entry: entry.href, __bundle: bundle?.href },
  });
}
