/** Worker-thread entry for sqlite-threads.test.ts: waits for work on the database file, then claims. */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteQueue } from '../../src/queue/sqlite/index.ts';

// A one-minute probe interval: only the BroadcastChannel can wake this queue in time.
const q = openSqliteQueue({ file: workerData.file as string, pollMs: 60_000 });
await q.waitForWork(100);
parentPort!.postMessage('waiting');
await q.waitForWork(60_000);
const job = await q.claim('thread', 30_000);
parentPort!.postMessage(job ? `claimed ${job.peticionId}` : 'nothing');
await q.close();
