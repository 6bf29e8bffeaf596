import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fdatasync, fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './connection.ts';
import { WalSync, type Datasync } from './wal-sync.ts';

/** The real fdatasync, recording the inode of each file it syncs. */
function recording() {
  const inodes: number[] = [];
  const datasync: Datasync = (fd, cb) => {
    inodes.push(fstatSync(fd).ino);
    fdatasync(fd, cb);
  };
  return { inodes, datasync };
}

function withDir(f: (dir: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-walsync-'));
    try {
      await f(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A database in WAL mode with one table, open for the whole test. */
function withDb(f: (file: string) => Promise<void>) {
  return withDir(async (dir) => {
    const file = join(dir, 'a.sqlite');
    const db = openDatabase({ file });
    try {
      db.exec('CREATE TABLE t (x)');
      await f(file);
    } finally {
      db.close();
    }
  });
}

test('callers that arrive while an fdatasync runs share the next one (group commit); none is answered by a sync that began before its call', withDb(async (file) => {
  const r = recording();
  // Each sync waits until the test lets it go, so what is in flight is known.
  const held: Array<() => void> = [];
  const s = new WalSync(file, (fd, cb) => void held.push(() => r.datasync(fd, cb)));
  const first = s.sync();
  const answered: number[] = [];
  const later = Array.from({ length: 9 }, (_, i) => s.sync().then(() => answered.push(i)));
  assert.equal(held.length, 1, 'one sync in flight');
  held.shift()!();
  await first;
  await new Promise((res) => setImmediate(res));
  assert.deepEqual(answered, [], 'the nine calls made during the first sync wait for one of their own');
  assert.equal(held.length, 1, 'and share it');
  held.shift()!();
  await Promise.all(later);
  assert.equal(answered.length, 9);
  assert.deepEqual(r.inodes, [statSync(`${file}-wal`).ino, statSync(`${file}-wal`).ino], 'the WAL file is the one synced, twice');
  const last = s.sync();
  assert.equal(held.length, 1, 'a later call gets a sync of its own');
  held.shift()!();
  await last;
  s.close();
}));

test('a WAL file deleted and created anew (every connection closed, then reopened) is opened again; without a WAL file nothing is synced (the database file is never opened: closing it would drop SQLite\'s locks)', withDir(async (dir) => {
  const file = join(dir, 'b.sqlite');
  const r = recording();
  const s = new WalSync(file, r.datasync);
  let db = openDatabase({ file });
  db.exec('CREATE TABLE t (x)');
  const first = statSync(`${file}-wal`).ino;
  await s.sync();
  db.close(); // the last connection: SQLite checkpoints, syncs the file and deletes the WAL
  await s.sync();
  assert.equal(r.inodes.length, 1, 'no WAL file: no sync, and no other file opened');
  db = openDatabase({ file });
  db.prepare('INSERT INTO t VALUES (1)').run();
  const second = statSync(`${file}-wal`).ino;
  await s.sync();
  assert.deepEqual(r.inodes, [first, second], 'the new WAL file, not the deleted one');
  s.close();
  db.close();
}));

test('a failed fdatasync fails its callers and every later one, without syncing again (a failed fsync cannot be retried)', withDb(async (file) => {
  let calls = 0;
  const eio: Datasync = (_fd, cb) => {
    calls++;
    setImmediate(() => cb(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
  };
  const s = new WalSync(file, eio);
  const waiting = [s.sync(), s.sync(), s.sync()];
  for (const p of waiting) await assert.rejects(p, (e: NodeJS.ErrnoException) => e.code === 'SQLITE_IOERR' && /could not be written to disk \(EIO/.test(e.message));
  await assert.rejects(s.sync(), { code: 'SQLITE_IOERR' });
  assert.equal(calls, 1);
  s.close();
}));

test('close() during an fdatasync keeps the file open until it ends (the number of a closed descriptor could be reused by another file)', withDb(async (file) => {
  const held: Array<() => void> = [];
  let synced: number | undefined;
  const s = new WalSync(file, (fd, cb) => void held.push(() => {
    synced = fd;
    fdatasync(fd, cb);
  }));
  const pending = s.sync();
  s.close();
  held.shift()!();
  await pending; // EBADF here if close() had closed the descriptor under it
  assert.throws(() => fstatSync(synced!), { code: 'EBADF' }, 'closed once the sync ended');
}));
