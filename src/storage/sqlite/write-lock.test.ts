import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { spawnTsWorker } from '../../shared/ts-worker.ts';
import { createWriteLock, releaseWriteLockOf, withWriteLock, writeLockView } from './write-lock.ts';

test('threads incrementing a shared counter under the lock lose no update', async () => {
  const lock = createWriteLock();
  const counter = new SharedArrayBuffer(8);
  const threads = 4;
  const rounds = 5_000;
  const workers = Array.from({ length: threads }, () =>
    spawnTsWorker(new URL('./write-lock.worker.ts', import.meta.url), { workerData: { lock, counter, rounds } }));
  try {
    // Let every thread reach its start line, then release them together.
    await new Promise((r) => setTimeout(r, 500));
    const start = new Int32Array(counter, 4, 1);
    Atomics.store(start, 0, 1);
    Atomics.notify(start, 0);
    // The main thread takes the lock too, as the API thread does.
    const view = writeLockView(lock);
    const n = new Int32Array(counter);
    const done = Promise.all(workers.map((w) => once(w, 'message')));
    for (let i = 0; i < 200; i++) {
      withWriteLock(view, () => {
        const v = n[0]!;
        n[0] = v + 1;
      });
      await new Promise((r) => setImmediate(r));
    }
    await done;
    assert.equal(n[0], threads * rounds + 200);
    assert.equal(Atomics.load(view!, 0), 0, 'released');
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
});

test('a nested write under the lock runs at once and the outer call releases', () => {
  const view = writeLockView(createWriteLock())!;
  const out = withWriteLock(view, () => {
    const held = Atomics.load(view, 0);
    assert.notEqual(held, 0);
    const inner = withWriteLock(view, () => withWriteLock(view, () => 42));
    assert.equal(Atomics.load(view, 0), held, 'still held after the nested calls');
    return inner + 1;
  });
  assert.equal(out, 43);
  assert.equal(Atomics.load(view, 0), 0);
});

test('the lock is released when the function throws', () => {
  const view = writeLockView(createWriteLock())!;
  assert.throws(() => withWriteLock(view, () => { throw new Error('boom'); }), /boom/);
  assert.equal(Atomics.load(view, 0), 0);
  assert.equal(withWriteLock(view, () => 'again'), 'again');
});

test('a lock held by another thread times out with SQLITE_BUSY; a dead holder can be released', () => {
  const lock = createWriteLock();
  const view = writeLockView(lock)!;
  Atomics.store(view, 0, 9999 + 1); // as if thread 9999 held it
  assert.throws(() => withWriteLock(view, () => 1, 120), (e: { code?: string }) => e.code === 'SQLITE_BUSY');
  releaseWriteLockOf(lock, 9999);
  assert.equal(withWriteLock(view, () => 2, 120), 2);
});

test('without a lock the function just runs', () => {
  assert.equal(withWriteLock(undefined, () => 'x'), 'x');
});
