import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diaHabilSiguiente, requiereAceptacion } from './aceptacion.ts';
import { revision } from './testing.ts';

// Base: an ingreso of $5,800 MXN to a named receptor, stamped Monday 2026-11-02, cancelled on the 20th.
const rows: Array<{ name: string; cfdi?: Parameters<typeof revision>[1]; ahora?: string; requiere: boolean; causa?: string }> = [
  { name: 'ingreso over $1,000 to a named receptor, weeks later', requiere: true, causa: 'ninguno' },
  { name: 'ingreso of exactly $1,000.00', cfdi: { total: '1000.00' }, requiere: false, causa: 'fracción I' },
  { name: 'ingreso of $1,000.01', cfdi: { total: '1000.01' }, requiere: true },
  { name: 'USD 60 at 17.50 = $1,050 MXN', cfdi: { total: '60.00', moneda: 'USD', tipoCambio: '17.50' }, requiere: true },
  { name: 'USD 50 at 17.50 = $875 MXN', cfdi: { total: '50.00', moneda: 'USD', tipoCambio: '17.50' }, requiere: false, causa: '875.00' },
  { name: 'payment receipt (P) of total 0: fraction I excludes it', cfdi: { tipoDeComprobante: 'P', total: '0' }, requiere: true },
  { name: 'nómina', cfdi: { tipoDeComprobante: 'N' }, requiere: false, causa: 'fracción II' },
  { name: 'egreso', cfdi: { tipoDeComprobante: 'E' }, requiere: false, causa: 'fracción III' },
  { name: 'traslado', cfdi: { tipoDeComprobante: 'T' }, requiere: false, causa: 'fracción IV' },
  { name: 'público en general (global invoice)', cfdi: { rfcReceptor: 'XAXX010101000' }, requiere: false, causa: 'fracción VII' },
  { name: 'resident abroad', cfdi: { rfcReceptor: 'XEXX010101000' }, requiere: false, causa: 'fracción VIII' },
  { name: 'same day', ahora: '2026-11-02T23:00:00', requiere: false, causa: 'fracción IX' },
  { name: 'next business day (Tuesday)', ahora: '2026-11-03T23:59:59', requiere: false, causa: 'fracción IX' },
  { name: 'two days later', ahora: '2026-11-04T00:00:00', requiere: true },
  { name: 'stamped Friday, cancelled Monday', cfdi: { fechaTimbrado: '2026-11-06T18:00:00' }, ahora: '2026-11-09T09:00:00', requiere: false, causa: 'fracción IX' },
  { name: 'stamped Friday, cancelled Tuesday', cfdi: { fechaTimbrado: '2026-11-06T18:00:00' }, ahora: '2026-11-10T09:00:00', requiere: true },
];

for (const row of rows) {
  test(`requiereAceptacion: ${row.name} → ${row.requiere ? 'needs' : 'no'} acceptance`, () => {
    const r = revision({}, row.cfdi);
    const a = requiereAceptacion(r.cfdi, row.ahora ?? r.ahora);
    assert.equal(a.requiere, row.requiere, a.causa);
    if (row.causa) assert.match(a.causa, new RegExp(row.causa));
  });
}

test('diaHabilSiguiente skips the weekend', () => {
  assert.equal(diaHabilSiguiente('2026-11-02T10:00:00'), '2026-11-03');
  assert.equal(diaHabilSiguiente('2026-11-06'), '2026-11-09');
  assert.equal(diaHabilSiguiente('2026-11-07'), '2026-11-09');
});
