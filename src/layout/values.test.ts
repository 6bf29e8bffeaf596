import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDecimal, checkFecha, checkFormaPagoTexto, checkImpuesto, checkMetodoPagoTexto, checkTasaOCuota, checkTipoFactor, quote } from './values.ts';

const value = (c: ReturnType<typeof checkDecimal>) => (c.ok ? c.value : `!${c.code}`);

test('TasaOCuota: percentages above 1 with Tasa, six decimals half-up, Cuota never divided', () => {
  const cases: Array<[string, string, string]> = [
    ['16', 'Tasa', '0.160000'],
    ['16.00', 'Tasa', '0.160000'],
    ['0.16', 'Tasa', '0.160000'],
    ['10.6667', 'Tasa', '0.106667'],
    ['0.1066665', 'Tasa', '0.106667'], // half-up on the 7th decimal
    ['0.1066664', 'Tasa', '0.106666'],
    ['1', 'Tasa', '1.000000'], // 1 is not "above 1": a fraction
    ['8', 'Tasa', '0.080000'],
    ['1.5', 'Cuota', '1.500000'],
    ['59.1449', 'Cuota', '59.144900'],
    ['-16', 'Tasa', '!LAYOUT_NUMERO'],
    ['16%', 'Tasa', '!LAYOUT_NUMERO'],
  ];
  for (const [v, f, want] of cases) assert.equal(value(checkTasaOCuota(v, f)), want, `${v} ${f}`);
});

test('decimals: plain only', () => {
  for (const ok of ['0', '1500', '1500.00', '-3.5', '0.000001']) assert.equal(value(checkDecimal(ok)), ok);
  for (const bad of ['', '1,500.00', '1e3', '.5', '5.', '+1', ' 1', 'NaN', '0x10', '1'.repeat(41)]) assert.equal(value(checkDecimal(bad)), '!LAYOUT_NUMERO', bad);
});

test('dates: full and compact forms, real calendar dates only', () => {
  assert.equal(value(checkFecha('20140630T00:00:00')), '2014-06-30T00:00:00');
  assert.equal(value(checkFecha('2024-02-29T23:59:59')), '2024-02-29T23:59:59');
  for (const bad of ['2023-02-29T00:00:00', '2026-13-01T00:00:00', '2026-01-01T24:00:00', '2026-01-01', '2026-01-01 10:00:00', '20260101T1000:00']) {
    assert.match(value(checkFecha(bad)), /^!LAYOUT_FECHA$/, bad);
  }
});

test('tax names and codes, TipoFactor in any case', () => {
  assert.deepEqual(['ISR', 'iva', 'Ieps', '001', '002', '003'].map((v) => value(checkImpuesto(v))), ['001', '002', '003', '001', '002', '003']);
  assert.equal(value(checkImpuesto('004')), '!LAYOUT_VALOR');
  assert.deepEqual(['tasa', 'CUOTA', 'Exento'].map((v) => value(checkTipoFactor(v))), ['Tasa', 'Cuota', 'Exento']);
});

test('legacy payment words, without case or accents', () => {
  assert.equal(value(checkMetodoPagoTexto('pago en una sola exhibición')), 'PUE');
  assert.equal(value(checkMetodoPagoTexto('PAGO  EN PARCIALIDADES')), 'PPD');
  assert.equal(value(checkFormaPagoTexto('Tarjeta de Crédito')), '04');
  assert.equal(value(checkFormaPagoTexto('31')), '31');
  assert.equal(value(checkFormaPagoTexto('TRUEQUE')), '!LAYOUT_VALOR');
});

test('quoted values in messages are bounded', () => {
  assert.equal(quote('dos'), '"dos"');
  assert.equal(quote('x'.repeat(5000)).length, 82);
});
