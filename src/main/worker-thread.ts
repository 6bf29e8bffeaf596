/**
 * A pipeline worker thread: its own database connections, its own CSD cache, the
 * shared queue. Started by `serve` and `worker` (one per core by default).
 */
import { parentPort, workerData, threadId } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { createLogger, openRuntime } from './runtime.ts';
import { startWorker } from '../invoicing/worker.ts';

const { config, workerId, sqliteWriteLock } = workerData as { config: Config; workerId: string; sqliteWriteLock?: SharedArrayBuffer };
const log = createLogger(config).child({ worker: workerId, thread: threadId });
const rt = await openRuntime(config, { log, role: 'worker', sqliteWriteLock });
const worker = startWorker(rt.deps, {
  concurrency: config.workerConcurrency,
  leaseMs: config.leaseMs,
  workerId,
});
log.debug('worker started');
parentPort!.on('message', (m: { type: string; graceMs?: number }) => {
  if (m.type !== 'stop') return;
  void (async () => {
    await worker.stop(m.graceMs);
    await rt.close();
    parentPort!.postMessage({ type: 'stopped' });
  })();
});
parentPort!.postMessage({ type: 'started' });
