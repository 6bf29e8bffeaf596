import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limiteCancelacion, plazo } from './plazo.ts';
import { reglaCases, revision } from './testing.ts';

const moral = { rfcEmisor: 'EKU9003173C9', fechaTimbrado: '2025-06-10T10:00:00' };
const fisica = { rfcEmisor: 'XOJI740919U48', fechaTimbrado: '2025-06-10T10:00:00' };

reglaCases(plazo, [
  { name: 'same year', r: revision({ ahora: '2025-12-31T23:00:00' }, moral), expect: 'ok' },
  { name: 'persona moral, last second of March', r: revision({ ahora: '2026-03-31T23:59:59' }, moral), expect: 'ok' },
  { name: 'persona moral, April 1st', r: revision({ ahora: '2026-04-01T00:00:00' }, moral), expect: 'error', message: '2026-03-31' },
  { name: 'persona física, April 30', r: revision({ ahora: '2026-04-30T12:00:00' }, fisica), expect: 'ok' },
  { name: 'persona física, May 1st', r: revision({ ahora: '2026-05-01T00:00:01' }, fisica), expect: 'error', message: '2026-04-30' },
  { name: 'issued on December 31st', r: revision({ ahora: '2026-03-15T00:00:00' }, { ...moral, fechaTimbrado: '2025-12-31T23:59:00' }), expect: 'ok' },
]);

test('limiteCancelacion: March 31 for a persona moral, April 30 for a persona física', () => {
  assert.equal(limiteCancelacion(moral), '2026-03-31T23:59:59');
  assert.equal(limiteCancelacion(fisica), '2026-04-30T23:59:59');
});
