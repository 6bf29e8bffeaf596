/**
 * A stand-in worker thread for workers.test.ts: says 'started' like the real one, then
 * dies as told. `deaths` (shared) counts the threads that died, across generations.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { mode, deaths } = workerData as { mode: 'die-once' | 'always-die' | 'never-start'; deaths: SharedArrayBuffer };
const count = new Int32Array(deaths);
if (mode === 'never-start') {
  Atomics.add(count, 0, 1);
  throw new Error('cannot open the database');
}
parentPort!.on('message', (m: { type: string }) => {
  if (m.type === 'stop') parentPort!.postMessage({ type: 'stopped' });
});
parentPort!.postMessage({ type: 'started' });
if (mode === 'always-die' || Atomics.load(count, 0) === 0) {
  setTimeout(() => {
    Atomics.add(count, 0, 1);
    // An unhandled rejection, as a lost database connection caused before issue 16.
    void Promise.reject(new Error('Connection terminated unexpectedly'));
  }, 30);
}
