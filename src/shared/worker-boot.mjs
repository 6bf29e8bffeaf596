// Worker threads do not inherit tsx's loader on Node 20 (`--import tsx` in a Worker's
// execArgv is ignored), so a TypeScript worker starts from this JavaScript file,
// registers tsx, then imports its real entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__entry);
