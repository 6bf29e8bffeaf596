import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, backoffMs, failOutcome, retryPolicy } from './policy.ts';

test('backoff doubles from the base after each failed attempt and stops at the cap', () => {
  const p = retryPolicy({ backoffBaseMs: 500, backoffCapMs: 10_000, jitter: 0 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((a) => backoffMs(p, a)), [500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  assert.equal(backoffMs(p, 10_000), 10_000, 'huge attempt counts stay finite');
  assert.equal(backoffMs(p, 0), 500);
});

test('jitter: by default each delay is drawn between half of it and all of it', () => {
  const at = (r: number) => backoffMs(retryPolicy({ backoffBaseMs: 1_000, backoffCapMs: 8_000, random: () => r }), 4);
  assert.equal(at(0), 8_000);
  assert.equal(at(0.5), 6_000);
  assert.equal(at(0.999_999), 4_000);
  const p = retryPolicy({ backoffBaseMs: 1_000, backoffCapMs: 60_000 });
  const draws = Array.from({ length: 200 }, () => backoffMs(p, 3));
  assert.ok(draws.every((d) => d >= 2_000 && d <= 4_000), 'within [half, whole]');
  assert.ok(new Set(draws).size > 50, 'jobs failed together come back at different moments');
  assert.equal(backoffMs(retryPolicy({ jitter: 1, random: () => 0.999_999_9 }), 1), 0, 'jitter 1 may retry at once');
});

test('a failure is retried while attempts remain and it is retryable', () => {
  assert.equal(failOutcome(true, 1, 3), 'retrying');
  assert.equal(failOutcome(true, 2, 3), 'retrying');
  assert.equal(failOutcome(true, 3, 3), 'dead');
  assert.equal(failOutcome(true, 4, 3), 'dead', 'a job claimed past its maximum (worker crashes) ends');
  assert.equal(failOutcome(false, 1, 3), 'dead');
});

test('policy defaults and validation', () => {
  assert.deepEqual(retryPolicy({}), DEFAULT_RETRY_POLICY);
  assert.throws(() => retryPolicy({ maxAttempts: 0 }), RangeError);
  assert.throws(() => retryPolicy({ maxAttempts: 1.5 }), RangeError);
  assert.throws(() => retryPolicy({ backoffBaseMs: -1 }), RangeError);
  assert.throws(() => retryPolicy({ jitter: 1.5 }), RangeError);
});
