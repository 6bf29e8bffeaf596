import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkSignal } from './wake.ts';

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
