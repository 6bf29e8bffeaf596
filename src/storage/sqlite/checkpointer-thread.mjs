// The checkpointer's thread (checkpointer.ts): its own connection, PASSIVE checkpoints in a
// loop. Plain JavaScript on purpose: no TypeScript loader in this thread, a small heap.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 1000');
// This connection commits nothing; 0 keeps SQLite from checkpointing on its close either way.
db.pragma('wal_autocheckpoint = 0');
const tick = () => {
  // Frames that readers on older snapshots still need are left for a later pass.
  db.pragma('wal_checkpoint(PASSIVE)');
  setTimeout(tick, intervalMs);
};
tick();
