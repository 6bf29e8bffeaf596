import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, decimalsOf, importeTolerance, roundHalfUp, taxImporteTolerance, withinWindow } from '../cfdi/amounts/decimal.ts';
import { compareVariation, plain, sumRounded } from './amounts.ts';

// The arithmetic is src/cfdi/amounts/decimal.ts; these pin what the rules rely on.

test('decimals as written', () => {
  assert.equal(decimalsOf('1.50'), 2);
  assert.equal(decimalsOf('3'), 0);
});

test('half-up rounding, no binary floats', () => {
  assert.equal(roundHalfUp('4.015', 2), '4.02');
  assert.equal(roundHalfUp('1.005', 2), '1.01');
  assert.equal(roundHalfUp('2.5', 0), '3');
  assert.equal(roundHalfUp(add('0.1', '0.2'), 2), '0.30');
});

test('Importe window of Cantidad × ValorUnitario (CFDI40167, CFDI40198)', () => {
  // An integer Cantidad has ±0.5 slack: (3 − 0.5) × (33.333333 − 0.0000005) truncated,
  // (3 + 0.5 − 1e-12) × (33.333333 + 0.0000005 − 1e-12) ceiled, computed by hand.
  const w = importeTolerance('3', '33.333333', 2);
  assert.equal(w.lower, '83.33');
  assert.equal(w.upper, '116.67');
  assert.ok(withinWindow('100.00', w));
  const tight = importeTolerance('2.000000', '250.000000', 2);
  assert.ok(withinWindow('500.00', tight));
  assert.ok(withinWindow('500.01', tight), 'trunc/ceil to the Importe decimals widens the window by a cent');
  assert.ok(!withinWindow('500.02', tight));
});

test('tax Importe window of Base × TasaOCuota (CFDI40180, CFDI40186)', () => {
  const w = taxImporteTolerance('500.00', '0.106667', 2);
  assert.ok(withinWindow('53.33', w));
  assert.ok(!withinWindow('53.35', w));
  assert.ok(!withinWindow('53.31', w));
});

test('rounded sums round half-up (away from zero on ties)', () => {
  assert.equal(sumRounded(['100.005', '0.000001'], 2), '100.01');
  assert.equal(sumRounded(['0.004', '0.001'], 2), '0.01');
  assert.equal(sumRounded(['0.0049'], 2), '0.00');
  assert.equal(sumRounded([], 2), '0.00');
  assert.equal(sumRounded(['1', '2.5'], 0), '4');
  // Expected values are decimal.js ROUND_HALF_UP's (the former oracle of this test).
  const cases: Array<[string, string]> = [
    ['4.015', '4.02'],
    ['1.005', '1.01'],
    ['2.675', '2.68'],
    ['0.125', '0.13'],
    ['999999999999999999.995', '1000000000000000000.00'],
  ];
  for (const [v, expected] of cases) assert.equal(sumRounded([v], 2), expected, v);
});

test('values in messages are written without trailing zeros', () => {
  assert.equal(plain('4.50'), '4.5');
  assert.equal(plain('4.00'), '4');
  assert.equal(plain('0.00'), '0');
  assert.equal(plain('100'), '100');
  assert.equal(plain({ v: 10n, s: 1 }), '1');
  assert.equal(plain({ v: 1030n, s: 2 }), '10.3');
});

test('TipoCambio variation from the reference rate, in percent, without division', () => {
  // |17.5 − 17.2| / 17.2 × 100 ≈ 1.744 %; |17.5 − 15| / 15 × 100 ≈ 16.67 %.
  assert.equal(compareVariation('17.5000', '17.20', '5'), -1);
  assert.equal(compareVariation('17.5000', '15.00', '5'), 1);
  // Exactly on the limit, from either side: 21 and 19 are 5 % off 20.
  assert.equal(compareVariation('21', '20.000', '5'), 0);
  assert.equal(compareVariation('19.00', '20', '5'), 0);
  assert.equal(compareVariation('21.000001', '20', '5'), 1);
  assert.equal(compareVariation('18.999999', '20', '5'), 1);
  // A non-terminating quotient: |1 − 3| / 3 × 100 = 66.66…
  assert.equal(compareVariation('1', '3', '66.666666'), 1);
  assert.equal(compareVariation('1', '3', '66.666667'), -1);
});
