/**
 * The server secret and the database (issue 16 items 8, 9), through the real runtime on
 * SQLite: a lost or changed secret refuses to start, sealed values are bound to their
 * row, values of older releases are resealed, and `secret rotate` moves everything to a
 * new secret without changing a public id.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config/config.ts';
import { openRuntime, type Runtime } from '../main/runtime.ts';
import { ensureDemoTenant } from '../invoicing/demo.ts';
import { openCsd } from '../invoicing/tenants.ts';
import { deriveKey } from '../shared/secret-box.ts';
import { rotate, replaceSecretFile, SecretError } from './keyring.ts';
import { setSmtp } from '../notificaciones/correo/admin.ts';
import { addWebhook } from '../notificaciones/webhooks/admin.ts';
import { openSecret } from '../notificaciones/secretos.ts';

let dir: string;
const open = (env: Record<string, string> = {}) =>
  openRuntime(loadConfig({ CFDI_DATA_DIR: dir, CFDI_TLS: 'off', CFDI_LOG_LEVEL: 'silent', ...env }));
const dbFile = () => join(dir, 'cfdi.sqlite');
function sql<T>(q: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile());
  try {
    const s = db.prepare(q);
    return (s.reader ? s.all(...params) : (s.run(...params), [])) as T[];
  } finally {
    db.close();
  }
}
async function withRt<T>(fn: (rt: Runtime) => Promise<T>, env?: Record<string, string>): Promise<T> {
  const rt = await open(env);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
const demo = (rt: Runtime) => ensureDemoTenant(rt.deps).then((r) => r.tenant);
async function csdOpens(rt: Runtime): Promise<string> {
  const e = (await rt.store.getEmpresaByRfc('EKU9003173C9'))!;
  return openCsd(rt.deps.secrets, (await rt.store.getCsd(e.id))!).noCertificado;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-keyring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a deleted secret file is never regenerated over existing data: the start fails, saying what to do', async () => {
  await withRt(demo);
  const secretFile = join(dir, 'secret');
  const saved = readFileSync(secretFile);
  unlinkSync(secretFile);
  await assert.rejects(open(), (e: Error) => e instanceof SecretError
    && e.message.includes(`the secret file ${secretFile} is missing`) && /Restore the file from a backup/.test(e.message) && /No new secret is generated/.test(e.message));
  assert.equal(existsSync(secretFile), false, 'no new secret written');
  replaceSecretFile(secretFile, saved);
  await withRt(async (rt) => assert.ok(await csdOpens(rt)));
});

test('a changed CFDI_SECRET refuses to start, naming the cause and the remedy', async () => {
  const first = 'the-first-secret-0123456789abcdef0123';
  await withRt(demo, { CFDI_SECRET: first });
  await assert.rejects(open({ CFDI_SECRET: 'another-secret-0123456789abcdef012345' }), (e: Error) => e instanceof SecretError
    && /CFDI_SECRET is not the secret the database .* was sealed with/.test(e.message) && /Start with the original secret/.test(e.message));
  await withRt(async (rt) => assert.ok(await csdOpens(rt)), { CFDI_SECRET: first });
});

test('a sealed value moved to another row (another empresa) does not open', async () => {
  await withRt(async (rt) => {
    await demo(rt);
    const e = (await rt.store.getEmpresaByRfc('EKU9003173C9'))!;
    const csd = (await rt.store.getCsd(e.id))!;
    assert.throws(() => openCsd(rt.deps.secrets, { ...csd, empresaId: e.id + 1 }), /authenticate|unsupported state/);
    assert.throws(() => openCsd(rt.deps.secrets, { ...csd, passwordEncrypted: csd.keyEncrypted }), /authenticate|unsupported state/);
  });
});

test('values sealed by an older release (unbound, no key ring) are resealed at start; public ids do not change', async () => {
  const secret = 'an-older-release-secret-0123456789abcd';
  const before = await withRt(demo, { CFDI_SECRET: secret });
  // What the release before issue 16 stored: format-1 boxes, no key ring.
  const legacy = (plain: Buffer) => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', deriveKey(Buffer.from(secret)), iv);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), body]);
  };
  const csdKey = randomBytes(40);
  sql("DELETE FROM meta WHERE key = 'secret-keys'");
  sql('UPDATE csds SET key_encrypted = ?', legacy(csdKey));
  await assert.rejects(open({ CFDI_SECRET: 'not-the-older-secret-0123456789abcdef' }), /is not the secret the database/, 'an older database checks the secret too');
  await withRt(async (rt) => {
    assert.deepEqual(await demo(rt), before, 'same public ids');
    const [row] = sql<{ key_encrypted: Buffer }>('SELECT key_encrypted FROM csds');
    assert.equal(row.key_encrypted[0], 2, 'resealed in the bound format');
    assert.equal(row.key_encrypted.readUInt16BE(1), 1, 'key version 1');
    const e = (await rt.store.getEmpresaByRfc('EKU9003173C9'))!;
    const r = (await rt.store.getCsd(e.id))!;
    assert.deepEqual(rt.deps.secrets.open(r.keyEncrypted, { table: 'csds', column: 'key_encrypted', id: `${e.id}/${r.noCertificado}` }), csdKey);
  }, { CFDI_SECRET: secret });
});

test('secret rotate re-encrypts every sealed value with a new key version; the old secret is then refused; ids stay', async () => {
  let webhookSecret = '';
  const before = await withRt(async (rt) => {
    const t = await demo(rt);
    const e = (await rt.store.getEmpresaByRfc('EKU9003173C9'))!;
    await setSmtp(rt.notificaciones, e, { host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'u', password: 'smtp-password', fromAddress: 'f@example.com' });
    webhookSecret = (await addWebhook(rt.notificaciones, e, 'https://93.184.216.34/hook', undefined)).secret;
    assert.equal((await rt.sealed.list()).length, 4, 'CSD key and password, SMTP password, webhook secret');
    return t;
  });
  const oldSecret = readFileSync(join(dir, 'secret'));
  const next = randomBytes(32).toString('hex');
  const r = await withRt((rt) => rotate(rt.keys, Buffer.from(next), rt.store, rt.sealed));
  assert.equal(r.version, 2);
  assert.ok(r.resealed >= 3, `CSD key, CSD password, test PAC key (${r.resealed})`);
  const sealed = [
    ...sql<{ b: Buffer }>('SELECT key_encrypted AS b FROM csds UNION ALL SELECT password_encrypted FROM csds'),
    ...sql<{ b: Buffer }>('SELECT password_sealed AS b FROM smtp_empresas UNION ALL SELECT secret_sealed FROM webhooks'),
  ];
  assert.deepEqual(sealed.map((r) => r.b.readUInt16BE(1)), [2, 2, 2, 2], 'every sealed column at key version 2');
  const pac = JSON.parse(sql<{ value: string }>("SELECT value FROM meta WHERE key = 'test-pac'")[0].value) as { keySealed: string };
  assert.equal(Buffer.from(pac.keySealed, 'base64').readUInt16BE(1), 2);
  // The process still holding the old secret file is refused, with the reason.
  await assert.rejects(open(), /key version 1, but .* was rotated to version 2/);
  replaceSecretFile(join(dir, 'secret'), Buffer.from(next));
  await withRt(async (rt) => {
    assert.deepEqual(await demo(rt), before, 'public ids survive the rotation');
    assert.ok(await csdOpens(rt));
    const e = (await rt.store.getEmpresaByRfc('EKU9003173C9'))!;
    const smtp = (await rt.notificaciones.notificaciones.getSmtp(e.id))!;
    assert.equal(openSecret(rt.deps.secrets, { table: 'smtp_empresas', column: 'password_sealed', empresaId: e.id }, smtp.passwordSealed!).toString(), 'smtp-password');
    const [w] = await rt.notificaciones.notificaciones.listWebhooks(e.id);
    assert.equal(openSecret(rt.deps.secrets, { table: 'webhooks', column: 'secret_sealed', publicId: w.publicId }, w.secretSealed).toString(), webhookSecret);
    await assert.rejects(rotate(rt.keys, oldSecret, rt.store, rt.sealed), /already used/);
  });
});
