// Worker threads do not inherit tsx's loader on Node 20 (`--import tsx` in a Worker's
// execArgv is ignored), so a TypeScript worker starts from this JavaScript file,
// registers tsx, then imports its real entry. An entry bundled beforehand (ts-bundle.ts)
// needs no tsx: only its source map, for stack traces that name the TypeScript files.
import { workerData } from 'node:worker_threads';

if (workerData.__bundle) {
  process.setSourceMapsEnabled(true);
  await import(workerData.__bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.__entry);
}
