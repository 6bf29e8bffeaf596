import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { importeConLetra, enteroConLetra } from './importe-con-letra.ts';

// Expected strings written by hand (Mexican invoice usage), not produced by the code.
const MXN: Array<[string, string]> = [
  ['0', 'CERO PESOS 00/100 M.N.'],
  ['0.50', 'CERO PESOS 50/100 M.N.'],
  ['1', 'UN PESO 00/100 M.N.'],
  ['1.99', 'UN PESO 99/100 M.N.'],
  ['2', 'DOS PESOS 00/100 M.N.'],
  ['15', 'QUINCE PESOS 00/100 M.N.'],
  ['16', 'DIECISÉIS PESOS 00/100 M.N.'],
  ['20', 'VEINTE PESOS 00/100 M.N.'],
  ['21', 'VEINTIÚN PESOS 00/100 M.N.'],
  ['22', 'VEINTIDÓS PESOS 00/100 M.N.'],
  ['23', 'VEINTITRÉS PESOS 00/100 M.N.'],
  ['26', 'VEINTISÉIS PESOS 00/100 M.N.'],
  ['30', 'TREINTA PESOS 00/100 M.N.'],
  ['31', 'TREINTA Y UN PESOS 00/100 M.N.'],
  ['99', 'NOVENTA Y NUEVE PESOS 00/100 M.N.'],
  ['100', 'CIEN PESOS 00/100 M.N.'],
  ['101', 'CIENTO UN PESOS 00/100 M.N.'],
  ['115', 'CIENTO QUINCE PESOS 00/100 M.N.'],
  ['500', 'QUINIENTOS PESOS 00/100 M.N.'],
  ['777', 'SETECIENTOS SETENTA Y SIETE PESOS 00/100 M.N.'],
  ['999', 'NOVECIENTOS NOVENTA Y NUEVE PESOS 00/100 M.N.'],
  ['1000', 'MIL PESOS 00/100 M.N.'],
  ['1001', 'MIL UN PESOS 00/100 M.N.'],
  ['1100', 'MIL CIEN PESOS 00/100 M.N.'],
  ['1160.00', 'MIL CIENTO SESENTA PESOS 00/100 M.N.'],
  ['2000', 'DOS MIL PESOS 00/100 M.N.'],
  ['21000', 'VEINTIÚN MIL PESOS 00/100 M.N.'],
  ['43428.14', 'CUARENTA Y TRES MIL CUATROCIENTOS VEINTIOCHO PESOS 14/100 M.N.'],
  ['100000', 'CIEN MIL PESOS 00/100 M.N.'],
  ['101000', 'CIENTO UN MIL PESOS 00/100 M.N.'],
  ['999999.99', 'NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS 99/100 M.N.'],
  ['1000000', 'UN MILLÓN DE PESOS 00/100 M.N.'],
  ['1000000.50', 'UN MILLÓN DE PESOS 50/100 M.N.'],
  ['1000001.01', 'UN MILLÓN UN PESOS 01/100 M.N.'],
  ['1001000', 'UN MILLÓN MIL PESOS 00/100 M.N.'],
  ['1500000', 'UN MILLÓN QUINIENTOS MIL PESOS 00/100 M.N.'],
  ['2000000', 'DOS MILLONES DE PESOS 00/100 M.N.'],
  ['21000000', 'VEINTIÚN MILLONES DE PESOS 00/100 M.N.'],
  ['2000021', 'DOS MILLONES VEINTIÚN PESOS 00/100 M.N.'],
  ['1000000000', 'MIL MILLONES DE PESOS 00/100 M.N.'],
  ['1000000000000', 'UN BILLÓN DE PESOS 00/100 M.N.'],
  ['2000000001000000', 'DOS MIL BILLONES UN MILLÓN DE PESOS 00/100 M.N.'],
];

describe('importeConLetra', () => {
  for (const [total, expected] of MXN) {
    test(`MXN ${total}`, () => assert.equal(importeConLetra(total, 'MXN'), expected));
  }

  test('cents: padded, rounded half-up on the third decimal, carry into the integer', () => {
    assert.equal(importeConLetra('10.5', 'MXN'), 'DIEZ PESOS 50/100 M.N.');
    assert.equal(importeConLetra('10.', 'MXN'), 'DIEZ PESOS 00/100 M.N.');
    assert.equal(importeConLetra('10.004999', 'MXN'), 'DIEZ PESOS 00/100 M.N.');
    assert.equal(importeConLetra('10.005', 'MXN'), 'DIEZ PESOS 01/100 M.N.');
    assert.equal(importeConLetra('0.995', 'MXN'), 'UN PESO 00/100 M.N.');
    assert.equal(importeConLetra('999999.995', 'MXN'), 'UN MILLÓN DE PESOS 00/100 M.N.');
  });

  test('other currencies', () => {
    assert.equal(importeConLetra('1250.50', 'USD'), 'MIL DOSCIENTOS CINCUENTA DÓLARES 50/100 USD');
    assert.equal(importeConLetra('1', 'USD'), 'UN DÓLAR 00/100 USD');
    assert.equal(importeConLetra('21.10', 'EUR'), 'VEINTIÚN EUROS 10/100 EUR');
    assert.equal(importeConLetra('3000000', 'EUR'), 'TRES MILLONES DE EUROS 00/100 EUR');
    // Unknown code: words plus the code, no invented noun.
    assert.equal(importeConLetra('300.07', 'GBP'), 'TRESCIENTOS 07/100 GBP');
  });

  test('integer part is exact beyond 2^53', () => {
    assert.equal(enteroConLetra(9_007_199_254_740_993n),
      'NUEVE MIL SIETE BILLONES CIENTO NOVENTA Y NUEVE MIL DOSCIENTOS CINCUENTA Y CUATRO MILLONES SETECIENTOS CUARENTA MIL NOVECIENTOS NOVENTA Y TRES');
  });

  test('rejects what is not a non-negative decimal', () => {
    for (const bad of ['', '-1', '1e3', '1,000.00', 'abc', '.5']) {
      assert.throws(() => importeConLetra(bad, 'MXN'), RangeError, bad);
    }
    assert.throws(() => enteroConLetra(10n ** 24n), RangeError);
  });
});
