import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createIdCipher } from './ids.ts';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');

test('public ids are 32 lowercase hex and round-trip per kind', () => {
  const ids = createIdCipher(secret);
  for (const id of [0, 1, 2, 255, 65_536, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
    const p = ids.encode('tipo', id);
    assert.match(p, /^[0-9a-f]{32}$/);
    assert.equal(ids.decode('tipo', p), id);
  }
  assert.notEqual(ids.encode('tipo', 1), ids.encode('tipo', 2));
});

test('an id of another kind, another secret, or tampered is rejected', () => {
  const ids = createIdCipher(secret);
  const p = ids.encode('sucursal', 7);
  assert.equal(ids.decode('tipo', p), undefined);
  assert.equal(createIdCipher(randomBytes(32)).decode('sucursal', p), undefined);
  for (let i = 0; i < 32; i++) {
    const flipped = p.slice(0, i) + (p[i] === '0' ? '1' : '0') + p.slice(i + 1);
    assert.equal(ids.decode('sucursal', flipped), undefined, `flip at ${i}`);
  }
  for (const bad of ['', 'zz', p.toUpperCase(), p + '0', p.slice(1), '985408d8-64ae-48e0-b46c-473b47176205']) {
    assert.equal(ids.decode('sucursal', bad), undefined, bad);
  }
});
