/** Test helper thread for write-lock.test.ts: increments a shared counter under the lock, non-atomically. */
import { parentPort, workerData } from 'node:worker_threads';
import { withWriteLock, writeLockView } from './write-lock.ts';

const { lock, counter, rounds } = workerData as { lock: SharedArrayBuffer; counter: SharedArrayBuffer; rounds: number };
const view = writeLockView(lock);
const n = new Int32Array(counter);
const start = new Int32Array(counter, 4, 1);
// Start together, so that the threads contend.
Atomics.wait(start, 0, 0);
for (let i = 0; i < rounds; i++) {
  withWriteLock(view, () => {
    const v = n[0]!; // a deliberate read-modify-write race without the lock
    for (let k = 0; k < 50; k++) Math.sqrt(k); // widen the window
    n[0] = v + 1;
  });
}
parentPort!.postMessage('done');
