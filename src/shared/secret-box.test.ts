import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { createSecretBox, deriveKey, SecretKeyError, type SealSlot } from './secret-box.ts';

const secret = randomBytes(32);
const slot: SealSlot = { table: 'csds', column: 'key_encrypted', id: '1/30001000000500003416' };

test('round-trips and refuses tampering or another secret', () => {
  const box = createSecretBox(secret);
  const sealed = box.seal(Buffer.from('12345678a'), slot);
  assert.equal(box.open(sealed, slot).toString(), '12345678a');
  assert.ok(!sealed.includes(Buffer.from('12345678a')));
  for (let i = 0; i < sealed.length; i += 7) {
    const tampered = Buffer.from(sealed);
    tampered[i] ^= 1;
    assert.throws(() => box.open(tampered, slot), Error, `byte ${i}`);
  }
  assert.throws(() => createSecretBox(randomBytes(32)).open(sealed, slot));
});

test('a sealed value is bound to its row: another table, column or id does not open it', () => {
  const box = createSecretBox(secret);
  const sealed = box.seal(Buffer.from('password'), slot);
  for (const other of [
    { ...slot, id: '2/30001000000500003416' }, // another empresa's CSD row
    { ...slot, column: 'password_encrypted' },
    { ...slot, table: 'webhooks' },
    { table: 'smtp_empresas', column: 'password_sealed', id: 1 },
    { table: 'csds', column: 'key_encrypted\u00001', id: '/30001000000500003416' }, // separators cannot be forged
  ]) {
    assert.throws(() => box.open(sealed, other), /unsupported state|authenticate/, JSON.stringify(other));
  }
  assert.equal(createSecretBox(secret).open(sealed, { ...slot }).toString(), 'password', 'the same row, another box object');
});

test('versioned keys: a box names its key version; a ring opens every version and seals with the current one', () => {
  const v1 = randomBytes(32);
  const v2 = randomBytes(32);
  const old = createSecretBox(v1);
  const sealed1 = old.seal(Buffer.from('a'), slot);
  assert.equal(old.version, 1);
  assert.equal(old.versionOf(sealed1), 1);
  const ring = createSecretBox({ current: 2, secrets: new Map([[1, v1], [2, v2]]) });
  assert.equal(ring.open(sealed1, slot).toString(), 'a');
  const sealed2 = ring.seal(Buffer.from('b'), slot);
  assert.equal(ring.versionOf(sealed2), 2);
  assert.throws(() => old.open(sealed2, slot), (e: Error) => e instanceof SecretKeyError && /key version 2/.test(e.message) && /restart/.test(e.message));
  assert.throws(() => createSecretBox({ current: 3, secrets: new Map([[1, v1]]) }), RangeError);
});

test('a box of the format before issue 16 (unbound, no key version) still opens, as version 0', () => {
  // Format 1, as src/shared/secret-box.ts wrote it: 1 | IV | tag | ciphertext, no additional data.
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', deriveKey(secret), iv);
  const body = Buffer.concat([c.update('legacy'), c.final()]);
  const legacy = Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), body]);
  const box = createSecretBox(secret);
  assert.equal(box.open(legacy, slot).toString(), 'legacy');
  assert.equal(box.versionOf(legacy), 0, 'stale: the startup reseal binds it to its row');
});
