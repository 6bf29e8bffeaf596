import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localFecha, timeZoneOfCodigoPostal } from './fecha.ts';

test('Fecha is the local time of the CP of issue', () => {
  const at = new Date('2026-01-15T18:30:05Z');
  const rows: Array<[string, string]> = [
    ['42501', '2026-01-15T12:30:05'], // Hidalgo: UTC-6
    ['06860', '2026-01-15T12:30:05'], // CDMX
    ['77500', '2026-01-15T13:30:05'], // Cancún: UTC-5
    ['22000', '2026-01-15T10:30:05'], // Tijuana: UTC-8 in winter
    ['83000', '2026-01-15T11:30:05'], // Hermosillo: UTC-7
  ];
  for (const [cp, expected] of rows) assert.equal(localFecha(at, timeZoneOfCodigoPostal(cp)), expected, cp);
});

test('no daylight saving time in central Mexico since 2022, but Tijuana keeps it', () => {
  const summer = new Date('2026-07-01T18:00:00Z');
  assert.equal(localFecha(summer, timeZoneOfCodigoPostal('42501')), '2026-07-01T12:00:00');
  assert.equal(localFecha(summer, timeZoneOfCodigoPostal('22000')), '2026-07-01T11:00:00');
});
