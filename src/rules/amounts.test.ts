import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dec, decimalsOf, fx, fxFormat, importeTolerance, roundFx, roundHalfUp, sumRounded, taxImporteTolerance, withinWindow } from './amounts.ts';

test('decimals as written', () => {
  assert.equal(decimalsOf('1.50'), 2);
  assert.equal(decimalsOf('3'), 0);
});

test('half-up rounding, no binary floats', () => {
  assert.equal(roundHalfUp(new Dec('4.015'), 2), '4.02');
  assert.equal(roundHalfUp(new Dec('1.005'), 2), '1.01');
  assert.equal(roundHalfUp(new Dec('2.5'), 0), '3');
  assert.equal(roundHalfUp(new Dec('0.1').plus('0.2'), 2), '0.30');
});

test('Importe window of Cantidad × ValorUnitario', () => {
  // An integer Cantidad has ±0.5 slack: (3 − 0.5) × (33.333333 − 0.0000005) truncated,
  // (3 + 0.5 − 1e-12) × (33.333333 + 0.0000005 − 1e-12) ceiled, computed by hand.
  const w = importeTolerance('3', '33.333333', 2);
  assert.equal(fxFormat(w.lower), '83.33');
  assert.equal(fxFormat(w.upper), '116.67');
  assert.ok(withinWindow('100.00', w));
  const tight = importeTolerance('2.000000', '250.000000', 2);
  assert.ok(withinWindow('500.00', tight));
  assert.ok(withinWindow('500.01', tight), 'trunc/ceil to the Importe decimals widens the window by a cent');
  assert.ok(!withinWindow('500.02', tight));
});

test('tax Importe window of Base × TasaOCuota', () => {
  const w = taxImporteTolerance('500.00', '0.106667', 2);
  assert.ok(withinWindow('53.33', w));
  assert.ok(!withinWindow('53.35', w));
  assert.ok(!withinWindow('53.31', w));
});

test('scaled-bigint sums round half-up like decimal.js', () => {
  assert.equal(sumRounded(['100.005', '0.000001'], 2), '100.01');
  assert.equal(sumRounded(['0.004', '0.001'], 2), '0.01');
  assert.equal(sumRounded(['0.0049'], 2), '0.00');
  assert.equal(sumRounded([], 2), '0.00');
  assert.equal(sumRounded(['1', '2.5'], 0), '4');
  for (const v of ['4.015', '1.005', '2.675', '0.125', '999999999999999999.995']) {
    assert.equal(fxFormat(roundFx(fx(v), 2)), roundHalfUp(new Dec(v), 2), v);
  }
});
