import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EndSignals, WorkSignal } from './wake.ts';

const never = () => false;

/**
 * Every wait below could last 60 s; each must end within this bound instead, so a
 * wake() that does nothing fails the test rather than only slowing it down.
 * Generous for a loaded CI machine, far below the waits' own timeout.
 */
const BOUND_MS = 5_000;
async function promptly(p: Promise<unknown>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), BOUND_MS)));
  try {
    assert.notEqual(await Promise.race([p.then(() => 'done'), late]), 'late', `${what} within ${BOUND_MS} ms`);
  } finally {
    clearTimeout(timer);
  }
}

test('wake() releases every current waiter', async () => {
  const s = new WorkSignal();
  const waits = [s.wait(60_000, 60_000, never), s.wait(60_000, 60_000, never)];
  s.wake();
  await promptly(Promise.all(waits), 'both waiters released');
});

test('wakeOne() releases the longest waiter only, then the next; with nobody waiting it is kept for the next wait', async () => {
  const s = new WorkSignal();
  const released: string[] = [];
  const a = s.wait(60_000, 60_000, never).then(() => released.push('a'));
  const b = s.wait(60_000, 60_000, never).then(() => released.push('b'));
  s.wakeOne();
  await promptly(a, 'the first waiter released');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(released, ['a'], 'the other one still waits');
  s.wakeOne();
  await promptly(b, 'the second waiter released by the next wakeOne()');
  s.wakeOne();
  await promptly(s.wait(60_000, 60_000, never), 'the kept wake-up ends the next wait');
});

test('a wake-up with nobody waiting is kept for the next wait, once', async () => {
  const s = new WorkSignal();
  s.wake();
  await promptly(s.wait(60_000, 60_000, never), 'the kept wake-up ends the next wait');
  let settled = false;
  const w = s.wait(60_000, 60_000, never).then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(settled, false);
  s.wake();
  await promptly(w, 'the second wait released by wake()');
});

test('the probe ends the wait when it finds work; its errors are ignored', async () => {
  const s = new WorkSignal();
  let calls = 0;
  await promptly(s.wait(60_000, 1, () => {
    calls++;
    if (calls === 1) throw new Error('database busy');
    return calls >= 3;
  }), 'the probe ended the wait');
  assert.equal(calls, 3);
});

test('timeout, abort and close end the wait', async () => {
  const s = new WorkSignal();
  await promptly(s.wait(1, 60_000, never), 'timeout');
  const ac = new AbortController();
  const w = s.wait(60_000, 60_000, never, ac.signal);
  ac.abort();
  await promptly(w, 'abort');
  await promptly(s.wait(60_000, 60_000, never, ac.signal), 'already aborted');
  const c = s.wait(60_000, 60_000, never);
  s.close();
  await promptly(c, 'close');
  await promptly(s.wait(60_000, 60_000, never), 'closed: at once');
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
