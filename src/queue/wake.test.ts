import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkSignal } from './wake.ts';

const never = () => false;

test('wake() releases every current waiter', async () => {
  const s = new WorkSignal();
  const waits = [s.wait(60_000, 60_000, never), s.wait(60_000, 60_000, never)];
  s.wake();
  await Promise.all(waits);
});

test('a wake-up with nobody waiting is kept for the next wait, once', async () => {
  const s = new WorkSignal();
  s.wake();
  await s.wait(60_000, 60_000, never);
  let settled = false;
  const w = s.wait(60_000, 60_000, never).then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(settled, false);
  s.wake();
  await w;
});

test('the probe ends the wait when it finds work; its errors are ignored', async () => {
  const s = new WorkSignal();
  let calls = 0;
  await s.wait(60_000, 1, () => {
    calls++;
    if (calls === 1) throw new Error('database busy');
    return calls >= 3;
  });
  assert.equal(calls, 3);
});

test('timeout, abort and close end the wait', async () => {
  const s = new WorkSignal();
  await s.wait(1, 60_000, never);
  const ac = new AbortController();
  const w = s.wait(60_000, 60_000, never, ac.signal);
  ac.abort();
  await w;
  await s.wait(60_000, 60_000, never, ac.signal); // already aborted
  const c = s.wait(60_000, 60_000, never);
  s.close();
  await c;
  await s.wait(60_000, 60_000, never); // closed: returns at once
});
