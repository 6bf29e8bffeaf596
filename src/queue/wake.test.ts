import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EndSignals, WorkSignal } from './wake.ts';

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

// ── EndSignals (issue 14: the synchronous PUT waits for one peticion) ──

const HOUR = 3_600_000;

test('EndSignals: a wake makes only that peticion\'s waiters look again; waiters are forgotten when they end', async () => {
  const e = new EndSignals();
  const done = new Set<number>();
  const looks = { 1: 0, 2: 0 };
  const w1 = e.wait(1, 2_000, HOUR, async () => (looks[1]++, done.has(1)));
  const w2 = e.wait(2, 50, HOUR, async () => (looks[2]++, done.has(2)));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(e.size, 2);
  done.add(1);
  e.wake(1);
  assert.equal(await w1, true);
  assert.equal(await w2, false, 'not woken: it times out');
  assert.deepEqual(looks, { 1: 2, 2: 1 });
  assert.equal(e.size, 0);
});

test('EndSignals: a wake during a look is not lost (the end committed while the database was being read)', async () => {
  const e = new EndSignals();
  let ended = false;
  let release!: () => void;
  const firstLook = new Promise<void>((r) => (release = r));
  let n = 0;
  const w = e.wait(7, 2_000, HOUR, async () => {
    n++;
    if (n === 1) await firstLook; // reads "not ended" …
    return n === 1 ? false : ended;
  });
  ended = true;
  e.wake(7); // … while the end is announced
  release();
  assert.equal(await w, true);
  assert.equal(n, 2);
});

test('EndSignals: abort and close end waits with false; look errors are ignored until the fallback look succeeds', async () => {
  const e = new EndSignals();
  const stop = new AbortController();
  const a = e.wait(1, 2_000, HOUR, async () => false, stop.signal);
  stop.abort();
  assert.equal(await a, false);
  let calls = 0;
  assert.equal(await e.wait(2, 2_000, 1, async () => {
    if (++calls < 3) throw new Error('database busy');
    return true;
  }), true);
  const b = e.wait(3, 2_000, HOUR, async () => false);
  e.close();
  assert.equal(await b, false);
  assert.equal(await e.wait(4, HOUR, HOUR, async () => true), false, 'closed: no new waits');
});
