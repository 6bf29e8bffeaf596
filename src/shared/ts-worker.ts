/** Starts a worker thread whose entry is a TypeScript module (see worker-boot.mjs). */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnTsWorker(entry: URL, o: WorkerOptions & { workerData?: Record<string, unknown> } = {}): Worker {
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    ...o,
    workerData: { ...(o.workerData ?? {}), __entry: entry.href },
  });
}
