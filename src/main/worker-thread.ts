/**
 * A pipeline worker thread: its own database connections, its own CSD cache, the
 * shared queue. Started by `serve` and `worker` (one per core by default).
 */
import { parentPort, workerData, threadId } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { createLogger, openRuntime, startSqliteCheckpointer } from './runtime.ts';
import { startWorker } from '../invoicing/worker.ts';
import { startRunner } from '../notificaciones/entregas/runner.ts';
import { startSeguimiento } from '../cancelacion/seguimiento.ts';
import { lowerThreadPriority } from '../shared/thread-priority.ts';

const { config, workerId, sqliteWriteLock, checkpoints } = workerData as { config: Config; workerId: string; sqliteWriteLock?: SharedArrayBuffer; checkpoints?: boolean };
const log = createLogger(config).child({ worker: workerId, thread: threadId });
// Below the API thread (Linux): a PUT or GET never waits behind a burst of documents for a core.
if (config.workerNice > 0 && lowerThreadPriority(config.workerNice) === undefined) log.debug('thread priority unchanged (not Linux)');
const rt = await openRuntime(config, { log, role: 'worker', sqliteWriteLock });
const worker = startWorker(rt.deps, {
  concurrency: config.workerConcurrency,
  leaseMs: config.leaseMs,
  workerId,
  stampRetryMs: config.pac.retryCapMs,
});
// E-mail and webhook deliveries: loops of their own beside the pipeline's.
const entregas = startRunner(rt.notificaciones, { concurrency: config.notificaciones.concurrency, leaseMs: config.leaseMs, workerId });
// Pending cancellations: resend unanswered requests, ask the SAT until they end.
const seguimiento = startSeguimiento(rt.cancelacion);
// The process's WAL checkpoints, when this is its first pipeline thread (workers.ts).
const checkpointer = checkpoints ? startSqliteCheckpointer(config, log) : undefined;
log.debug('worker started');
parentPort!.on('message', (m: { type: string; graceMs?: number }) => {
  if (m.type !== 'stop') return;
  void (async () => {
    await Promise.all([worker.stop(m.graceMs), entregas.stop(m.graceMs), seguimiento.stop()]);
    await checkpointer?.stop();
    await rt.close();
    parentPort!.postMessage({ type: 'stopped' });
  })();
});
parentPort!.postMessage({ type: 'started' });
