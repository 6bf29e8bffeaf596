// Used by ts-worker.test.ts: typed code that only runs if tsx is active in the thread.
import { parentPort, workerData } from 'node:worker_threads';

const n: number = (workerData as { n: number }).n;
parentPort!.postMessage(n * 2 + 2);
