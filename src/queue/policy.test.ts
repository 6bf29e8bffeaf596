import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, backoffMs, failOutcome, retryPolicy } from './policy.ts';

test('backoff doubles from the base after each failed attempt and stops at the cap', () => {
  const p = retryPolicy({ backoffBaseMs: 500, backoffCapMs: 10_000 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((a) => backoffMs(p, a)), [500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  assert.equal(backoffMs(p, 10_000), 10_000, 'huge attempt counts stay finite');
  assert.equal(backoffMs(p, 0), 500);
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
});
