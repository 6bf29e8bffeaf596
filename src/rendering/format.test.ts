import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coded, groupThousands, percent } from './format.ts';

test('groupThousands keeps the decimals as written', () => {
  assert.equal(groupThousands('0.50'), '0.50');
  assert.equal(groupThousands('999'), '999');
  assert.equal(groupThousands('1000'), '1,000');
  assert.equal(groupThousands('43428.14'), '43,428.14');
  assert.equal(groupThousands('1234567.123456'), '1,234,567.123456');
  assert.equal(groupThousands('-1234.5'), '-1,234.5');
  assert.equal(groupThousands('n/a'), 'n/a');
});

test('percent shifts the decimal point exactly', () => {
  assert.equal(percent('0.160000'), '16%');
  assert.equal(percent('0.080000'), '8%');
  assert.equal(percent('0.000000'), '0%');
  assert.equal(percent('0.012500'), '1.25%');
  assert.equal(percent('0.106667'), '10.6667%');
  assert.equal(percent('0.53'), '53%');
  assert.equal(percent('1.600000'), '160%');
  assert.equal(percent('0.1'), '10%');
});

test('coded', () => {
  assert.equal(coded('601', 'General de Ley Personas Morales'), '601 - General de Ley Personas Morales');
  assert.equal(coded('Tasa', 'Tasa'), 'Tasa');
  assert.equal(coded('999', undefined), '999');
});
