import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { newSecret, signature, signatureHeader } from './firma.ts';

test('the signature is HMAC-SHA256 over "<t>.<body>" keyed with the secret text (openssl as the oracle)', (t) => {
  const secret = 'whsec_prueba';
  const body = '{"tipoEvento":"peticion.almacenada","nombre":"ESPAÑOLA"}';
  let expected: string;
  try {
    expected = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-r'], { input: `1764590400.${body}` }).toString().split(' ')[0];
  } catch {
    if (process.env.CI === 'true') throw new Error('openssl is required under CI');
    t.skip('openssl not installed: the HMAC oracle did not run');
    return;
  }
  assert.equal(signature(secret, 1764590400, body), expected);
  assert.equal(signatureHeader(secret, 1764590400, body), `t=1764590400,v1=${expected}`);
  assert.notEqual(signature(secret, 1764590401, body), expected, 'the timestamp is signed');
});

test('secrets are 256 random bits, prefixed', () => {
  const a = newSecret();
  assert.match(a, /^whsec_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, newSecret());
});
