// Used by thread-priority.test.ts: lowers its own priority, reports, waits to be told to end.
import { parentPort, workerData } from 'node:worker_threads';
import { kernelThreadId, lowerThreadPriority } from './thread-priority.ts';

const nice = lowerThreadPriority((workerData as { nice: number }).nice);
parentPort!.postMessage({ nice, tid: kernelThreadId() });
parentPort!.once('message', () => undefined);
