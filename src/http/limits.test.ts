import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slots, TokenBuckets } from './limits.ts';

test('TokenBuckets: a burst, then the sustained rate; keys are independent; Retry-After rounds up', () => {
  let now = 0;
  const b = new TokenBuckets(2, 3, () => now);
  assert.deepEqual([b.take('a'), b.take('a'), b.take('a')], [0, 0, 0], 'the burst');
  assert.equal(b.take('a'), 1, 'empty: a token comes in 0.5 s, said as 1 s');
  assert.equal(b.take('b'), 0, 'another key has its own bucket');
  now += 500;
  assert.equal(b.take('a'), 0, 'refilled at 2 per second');
  assert.equal(b.take('a'), 1);
  now += 60_000;
  assert.deepEqual([b.take('a'), b.take('a'), b.take('a'), b.take('a')], [0, 0, 0, 1], 'idle time refills up to the burst, not beyond');
  const slow = new TokenBuckets(0.1, 1, () => now);
  slow.take('x');
  assert.equal(slow.take('x'), 10, 'one request per 10 s: wait 10 s');
});

test('TokenBuckets forget the least recently used key beyond their bound', () => {
  let now = 0;
  const b = new TokenBuckets(1, 1, () => now, 2);
  b.take('a');
  b.take('b');
  assert.equal(b.take('a'), 1, 'a is now the most recent');
  b.take('c'); // evicts b
  assert.equal(b.size, 2);
  assert.equal(b.take('a'), 1, 'a kept its empty bucket');
  assert.equal(b.take('b'), 0, 'b was forgotten: a full bucket again');
});

test('Slots: at most max holders; release frees one, twice frees one', () => {
  const s = new Slots(2);
  const r1 = s.tryTake()!;
  const r2 = s.tryTake()!;
  assert.equal(s.tryTake(), undefined);
  r1();
  r1();
  assert.equal(s.inUse, 1);
  assert.ok(s.tryTake());
  assert.equal(s.tryTake(), undefined);
  r2();
  assert.equal(s.inUse, 1);
});
