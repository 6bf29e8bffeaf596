/**
 * TLS modes against a real SMTP server on loopback with a certificate of its own:
 * `starttls` upgrades before logging in and verifies the certificate (trusted here through
 * the settings' CA), refuses an untrusted one, and never falls back to plain text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { selfSigned } from '../../src/main/tls.ts';
import { createSecretBox } from '../../src/shared/secret-box.ts';
import { sealSecret } from '../../src/notificaciones/secretos.ts';
import { createTransport, send } from '../../src/notificaciones/correo/smtp.ts';
import type { SmtpSettings } from '../../src/storage/notificaciones.ts';
import { startSmtpSink, type SmtpSink } from './servers.ts';

let sink: SmtpSink;
let plain: SmtpSink;
let certPem = '';
const box = createSecretBox(randomBytes(32));
before(async () => {
  const tls = await selfSigned(['127.0.0.1', 'localhost']);
  certPem = tls.certPem;
  sink = await startSmtpSink({ user: 'u', password: 'p', tls: { key: tls.keyPem, cert: tls.certPem } });
  plain = await startSmtpSink({ user: 'u', password: 'p' });
});
after(async () => {
  await sink.close();
  await plain.close();
});

const settings = (port: number, o: Partial<SmtpSettings> = {}): SmtpSettings => ({
  empresaId: 1, host: '127.0.0.1', port, tls: 'starttls', user: 'u', fromAddress: 'f@x.mx', updatedAt: new Date().toISOString(),
  passwordSealed: sealSecret(box, { table: 'smtp_empresas', column: 'password_sealed', empresaId: 1 }, Buffer.from('p')), ...o,
});
const message = { from: 'f@x.mx', to: 'a@x.mx', subject: 'prueba', text: 'hola' };

test('starttls with the server\'s CA trusted: upgraded, then logged in', async () => {
  const r = await send(await createTransport(settings(sink.port, { caPem: certPem }), box, 5_000), message);
  assert.match(r.response, /^250 /);
  assert.equal(sink.messages.at(-1)!.secure, true);
  assert.equal(sink.messages.at(-1)!.user, 'u');
});

test('an untrusted certificate is refused: nothing is sent', async () => {
  const before = sink.messages.length;
  await assert.rejects(send(await createTransport(settings(sink.port), box, 5_000), message), /self[- ]signed|certificate/i);
  assert.equal(sink.messages.length, before);
});

test('starttls required: a server without STARTTLS gets no password and no message', async () => {
  await assert.rejects(send(await createTransport(settings(plain.port), box, 5_000), message), /STARTTLS/i);
  assert.equal(plain.messages.length, 0);
});
