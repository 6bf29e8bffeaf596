import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fechaFueraDeRango, instantOfFecha, localFecha, timeZoneOfCodigoPostal } from './fecha.ts';

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

// ── issue 10 item 3: the Fecha a PAC accepts ──
test('instantOfFecha reads a Fecha in the zone of its CP (the inverse of localFecha)', () => {
  assert.equal(instantOfFecha('2026-01-15T12:30:05', '42501')?.toISOString(), '2026-01-15T18:30:05.000Z');
  assert.equal(instantOfFecha('2026-01-15T13:30:05', '77500')?.toISOString(), '2026-01-15T18:30:05.000Z');
  assert.equal(instantOfFecha('2026-07-01T11:00:00', '22000')?.toISOString(), '2026-07-01T18:00:00.000Z');
  assert.equal(instantOfFecha('2026-01-15T10:30:05', '22000')?.toISOString(), '2026-01-15T18:30:05.000Z');
  assert.equal(instantOfFecha('no es fecha', '42501'), undefined);
});

test('fechaFueraDeRango: refuses a Fecha ahead of the clock or older than 72 hours, in the CP zone', () => {
  const now = new Date('2026-01-15T18:30:05Z'); // 12:30:05 in Pachuca (UTC-6), 13:30:05 in Cancún (UTC-5)
  const rows: Array<[fecha: string, cp: string, expected: 'futura' | 'vencida' | undefined]> = [
    ['2026-01-15T12:30:05', '42501', undefined], // now
    ['2026-01-15T12:35:05', '42501', undefined], // 5 minutes ahead: clock skew allowed
    ['2026-01-15T12:35:06', '42501', 'futura'], // one second more
    ['2026-01-15T14:30:05', '42501', 'futura'], // two hours ahead
    ['2026-01-16T12:30:05', '42501', 'futura'], // a day ahead
    ['2026-01-15T13:30:05', '77500', undefined], // now in Cancún: not ahead
    ['2026-01-15T13:30:05', '42501', 'futura'], // the same text an hour ahead in Pachuca
    ['2026-01-12T12:30:05', '42501', undefined], // exactly 72 hours before
    ['2026-01-12T12:30:04', '42501', 'vencida'], // one second more
    ['2026-01-01T00:00:00', '42501', 'vencida'],
    ['2026-01-12T10:30:05', '22000', undefined], // 72 hours in Tijuana (UTC-8)
    ['2026-01-12T10:30:04', '22000', 'vencida'],
  ];
  for (const [fecha, cp, expected] of rows) assert.equal(fechaFueraDeRango(fecha, cp, now)?.problema, expected, `${fecha} at ${cp}`);
});
