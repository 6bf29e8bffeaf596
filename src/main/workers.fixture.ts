/**
 * A stand-in worker thread for workers.test.ts: says 'started' like the real one, then
 * dies as told. `deaths` (shared) counts the threads that died, across generations;
 * 'report' writes after it how the thread was started.
 */
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';

const { mode, deaths } = workerData as { mode: 'die-once' | 'always-die' | 'never-start' | 'report' | 'checkpoints'; deaths: SharedArrayBuffer };
const count = new Int32Array(deaths);
if (mode === 'report') {
  count[1] = resourceLimits.maxYoungGenerationSizeMb ?? -1;
  count[2] = workerData.__bundle ? 1 : 0;
  // A bundled module keeps its own source file's URL.
  count[3] = import.meta.url.endsWith('/src/main/workers.fixture.ts') ? 1 : 0;
  count[4] = process.sourceMapsEnabled ? 1 : 0;
  count[5] = resourceLimits.maxOldGenerationSizeMb ?? -1;
}
if (mode === 'checkpoints') {
  // How many threads of slot 0 and of other slots were told to run the WAL checkpoints.
  const first = (workerData.workerId as string).endsWith('-0');
  if (workerData.checkpoints) Atomics.add(count, first ? 1 : 2, 1);
  if (first && Atomics.add(count, 3, 1) === 0) setTimeout(() => process.exit(1), 30); // slot 0 dies once: its replacement runs them
}
if (mode === 'never-start') {
  Atomics.add(count, 0, 1);
  throw new Error('cannot open the database');
}
parentPort!.on('message', (m: { type: string }) => {
  if (m.type === 'stop') parentPort!.postMessage({ type: 'stopped' });
});
parentPort!.postMessage({ type: 'started' });
if (mode === 'always-die' || (mode === 'die-once' && Atomics.load(count, 0) === 0)) {
  setTimeout(() => {
    Atomics.add(count, 0, 1);
    // An unhandled rejection, as a lost database connection caused before issue 16.
    void Promise.reject(new Error('Connection terminated unexpectedly'));
  }, 30);
}
