import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchemaName, compact, fechaBounds, folioNumber, isoInstant, lastByKey } from './values.ts';

test('isoInstant normalizes any offset to UTC with milliseconds, so text order is time order', () => {
  assert.equal(isoInstant('2025-06-01T06:00:00-06:00'), '2025-06-01T12:00:00.000Z');
  assert.equal(isoInstant(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6))), '2025-01-02T03:04:05.006Z');
  assert.ok(isoInstant('2025-06-01T09:00:00-06:00') > isoInstant('2025-06-01T14:59:59Z'));
  assert.throws(() => isoInstant('mañana'), RangeError);
});

test('fechaBounds: a bare final date includes its whole day; full timestamps stay inclusive', () => {
  assert.deepEqual(fechaBounds('2025-02-01', '2025-02-28'), { from: '2025-02-01', toExclusive: '2025-03-01' });
  assert.deepEqual(fechaBounds(undefined, '2024-02-28'), { toExclusive: '2024-02-29' }, 'leap year');
  assert.deepEqual(fechaBounds(undefined, '2025-12-31'), { toExclusive: '2026-01-01' });
  assert.deepEqual(fechaBounds('2025-02-01T10:00:00', '2025-02-01T11:00:00'), { from: '2025-02-01T10:00:00', toInclusive: '2025-02-01T11:00:00' });
  assert.deepEqual(fechaBounds(), {});
  assert.deepEqual(fechaBounds(undefined, '9999-12-31'), {}, 'the last representable day bounds nothing');
  // The bounds work by text comparison on Comprobante@Fecha as written:
  const b = fechaBounds('2025-02-01', '2025-02-01');
  for (const fecha of ['2025-02-01T00:00:00', '2025-02-01T23:59:59']) assert.ok(fecha >= b.from! && fecha < b.toExclusive!);
  assert.ok(!('2025-01-31T23:59:59' >= b.from!));
  assert.ok(!('2025-02-02T00:00:00' < b.toExclusive!));
});

test('folioNumber reads plain numeric folios only', () => {
  assert.equal(folioNumber('0042'), 42);
  assert.equal(folioNumber('123456789012345'), 123456789012345);
  assert.equal(folioNumber('A-12'), null);
  assert.equal(folioNumber('1e3'), null);
  assert.equal(folioNumber(''), null);
  assert.equal(folioNumber(undefined), null);
  assert.equal(folioNumber('1234567890123456'), null, 'beyond 15 digits it could lose precision');
});

test('compact drops null and undefined members only', () => {
  assert.deepEqual(compact<{ a: number; b?: string; c?: string; d: boolean }>({ a: 0, b: null, c: undefined, d: false }), { a: 0, d: false });
});

test('lastByKey keeps the last row of each key, in first-seen order', () => {
  assert.deepEqual(lastByKey([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }], (r) => r.k), [{ k: 'a', v: 3 }, { k: 'b', v: 2 }]);
});

test('schema names are plain lower-case identifiers', () => {
  assert.equal(checkSchemaName('cfdi_test_0a1b'), 'cfdi_test_0a1b');
  for (const bad of ['Public', 'a;drop', '1abc', 'a-b', '', 'x'.repeat(41)]) assert.throws(() => checkSchemaName(bad), RangeError);
});
