import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { kernelThreadId } from './thread-priority.ts';
import { spawnTsWorker } from './ts-worker.ts';

/** Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the parenthesised name). */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

test('lowerThreadPriority changes the calling worker thread only, as the kernel reports it', { skip: !existsSync('/proc/thread-self') && 'needs Linux /proc' }, async () => {
  const main = kernelThreadId()!;
  const before = niceOf(main);
  const w = spawnTsWorker(new URL('./thread-priority.fixture.ts', import.meta.url), { workerData: { nice: 7 } });
  const got = await new Promise<{ nice: number; tid: number }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  try {
    assert.notEqual(got.tid, main);
    assert.equal(got.nice, 7);
    assert.equal(niceOf(got.tid), 7, 'the kernel sees the worker thread at nice 7');
    assert.equal(niceOf(main), before, 'the main thread is untouched');
  } finally {
    await w.terminate();
  }
});
