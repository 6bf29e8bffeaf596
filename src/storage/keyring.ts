/**
 * The server secret and the database it guards (issue 16 items 8, 9).
 *
 * The database records which secrets it was sealed with: a key ring in `meta`
 * (`secret-keys`) holding, per key version, a verifier of the secret (an HKDF output:
 * it reveals nothing about the secret) and, for older versions, the old secret sealed
 * with the current key. At every start:
 * - a secret that matches no version, or an older one, refuses to start, saying why and
 *   what to do, instead of failing later on every CSD;
 * - a missing secret file is never regenerated over a database that has sealed data;
 * - values sealed by older releases (unbound) or with older keys are resealed.
 * `cfdi-async secret rotate` moves every sealed value to a new secret.
 *
 * Public ids (idPeticion, idCfdi, …) derive from the FIRST secret (version 1), kept in
 * the ring, so rotating the secret never changes an id a client holds.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from './store.ts';
import type { SealedValues } from './sealed.ts';
import { createSecretBox, type SealSlot, type SecretBox } from '../shared/secret-box.ts';
import { ensurePrivateDir, restrict } from '../shared/private-files.ts';

const RING_KEY = 'secret-keys';
const TEST_PAC_KEY = 'test-pac';
/** Where the test PAC's sealed private key lives (src/main/runtime.ts). */
export const TEST_PAC_SLOT: SealSlot = { table: 'meta', column: TEST_PAC_KEY, id: 'keySealed' };

interface Ring {
  current: number;
  /** version → base64 verifier. */
  verifiers: Record<string, string>;
  /** version → base64 box (slot meta/secret-keys/version) of that version's secret, sealed with the current key. */
  older: Record<string, string>;
}

type MetaStore = Pick<Store, 'getMeta' | 'setMeta' | 'setMetaIfAbsent'>;

export class SecretError extends Error {
  override name = 'SecretError';
}

export interface SecretSource {
  /** The secret, when there is one. */
  secret?: Buffer;
  /** CFDI_SECRET, or the file that keeps it. */
  origin: 'env' | 'file';
  file: string;
}

export interface Keys {
  box: SecretBox;
  /** The secret public ids derive from (version 1's: stable across rotations). */
  idsSecret: Buffer;
  /** The secret this process was given. */
  secret: Buffer;
}

function verifier(secret: Buffer): string {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cfdi-async secret verifier', 32)).toString('base64');
}

function sameVerifier(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && timingSafeEqual(x, y);
}

const ringSlot = (version: number): SealSlot => ({ table: 'meta', column: RING_KEY, id: version });

/** CFDI_SECRET, else `<dataDir>/secret` if it exists (never created here). */
export function readSecretSource(c: { secret?: string; dataDir: string }): SecretSource {
  const file = join(c.dataDir, 'secret');
  if (c.secret) return { secret: Buffer.from(c.secret, 'utf8'), origin: 'env', file };
  ensurePrivateDir(c.dataDir);
  if (!existsSync(file)) return { origin: 'file', file };
  restrict(file);
  return { secret: Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'), origin: 'file', file };
}

/** Writes a new random secret to `file` (0600, never over an existing one). */
export function generateSecretFile(file: string): Buffer {
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

async function readRing(store: MetaStore): Promise<Ring | undefined> {
  const raw = await store.getMeta(RING_KEY);
  return raw === undefined ? undefined : (JSON.parse(raw) as Ring);
}

function named(src: SecretSource): string {
  return src.origin === 'env' ? 'CFDI_SECRET' : `the secret in ${src.file}`;
}

/**
 * Checks the secret against the database, registers it on a database that has no ring
 * yet, and builds the box with every key version. `database` names the database in
 * messages (without credentials).
 */
export async function openKeys(src: SecretSource, store: MetaStore, database: string): Promise<Keys> {
  let ring = await readRing(store);
  const legacyPac = ring ? undefined : await store.getMeta(TEST_PAC_KEY);
  const hasSealedData = ring !== undefined || legacyPac !== undefined;
  let secret = src.secret;
  if (!secret) {
    if (hasSealedData) {
      throw new SecretError(
        `the secret file ${src.file} is missing, but the database ${database} holds values sealed with a secret `
        + '(CSD keys and passwords, SMTP passwords, webhook secrets). Restore the file from a backup (or set CFDI_SECRET '
        + 'to the secret it held) and start again. No new secret is generated: it would leave every sealed value unreadable.',
      );
    }
    secret = generateSecretFile(src.file);
  }
  const mine = verifier(secret);
  if (!ring) {
    if (legacyPac !== undefined) {
      // A database of an older release: the secret is right if it opens what that release sealed.
      try {
        createSecretBox(secret).open(Buffer.from((JSON.parse(legacyPac) as { keySealed: string }).keySealed, 'base64'), TEST_PAC_SLOT);
      } catch {
        throw changed(src, database);
      }
    }
    // Processes starting together: the first ring stored is everyone's.
    ring = JSON.parse(await store.setMetaIfAbsent(RING_KEY, JSON.stringify({ current: 1, verifiers: { 1: mine }, older: {} } satisfies Ring))) as Ring;
  }
  const version = Number(Object.entries(ring.verifiers).find(([, v]) => sameVerifier(v, mine))?.[0] ?? 0);
  if (!version) throw changed(src, database);
  if (version !== ring.current) {
    throw new SecretError(
      `${named(src)} is the database's key version ${version}, but ${database} was rotated to version ${ring.current} `
      + '(cfdi-async secret rotate). Start with the new secret that the rotation wrote.',
    );
  }
  const secrets = new Map<number, Buffer>([[ring.current, secret]]);
  const currentOnly = createSecretBox({ current: ring.current, secrets });
  for (const [v, sealed] of Object.entries(ring.older)) secrets.set(Number(v), currentOnly.open(Buffer.from(sealed, 'base64'), ringSlot(Number(v))));
  return { box: createSecretBox({ current: ring.current, secrets }), idsSecret: secrets.get(1) ?? secret, secret };
}

function changed(src: SecretSource, database: string): SecretError {
  return new SecretError(
    `${named(src)} is not the secret the database ${database} was sealed with (it changed, or belongs to another installation). `
    + `Start with the original secret (restore ${src.origin === 'env' ? 'CFDI_SECRET' : 'the file'} from a backup). `
    + 'To change the secret, run `cfdi-async secret rotate` with the original one.',
  );
}

/** Reseals, with `box`'s current key and bound to its row, every value sealed by an older release or key. */
export async function resealStale(box: SecretBox, store: MetaStore, sealed: SealedValues): Promise<number> {
  let n = 0;
  for (const v of await sealed.list()) {
    if (box.versionOf(v.box) === box.version) continue;
    if (await sealed.replace(v.slot, v.box, box.seal(box.open(v.box, v.slot), v.slot))) n++;
  }
  const pac = await store.getMeta(TEST_PAC_KEY);
  if (pac !== undefined) {
    const p = JSON.parse(pac) as { certPem: string; keySealed: string };
    const old = Buffer.from(p.keySealed, 'base64');
    if (box.versionOf(old) !== box.version) {
      // Same plaintext whoever writes last: no compare-and-set needed.
      await store.setMeta(TEST_PAC_KEY, JSON.stringify({ ...p, keySealed: box.seal(box.open(old, TEST_PAC_SLOT), TEST_PAC_SLOT).toString('base64') }));
      n++;
    }
  }
  return n;
}

/**
 * Moves every sealed value to `next` (a new key version) and makes it the current
 * secret. Safe to run again with the same `next` after an interruption.
 */
export async function rotate(keys: Keys, next: Buffer, store: MetaStore, sealed: SealedValues): Promise<{ version: number; resealed: number }> {
  const ring = (await readRing(store))!;
  if (Object.values(ring.verifiers).some((v) => sameVerifier(v, verifier(next)))) {
    throw new SecretError('the new secret is one the database already used; give a new one');
  }
  const version = ring.current + 1;
  const all = new Map<number, Buffer>();
  // Every version: the current one, the older ones, and the next one.
  const cur = keys.box.version;
  all.set(cur, keys.secret);
  for (const v of Object.keys(ring.older)) all.set(Number(v), keys.box.open(Buffer.from(ring.older[v], 'base64'), ringSlot(Number(v))));
  all.set(version, next);
  const box = createSecretBox({ current: version, secrets: all });
  const resealed = await resealStale(box, store, sealed);
  const older: Record<string, string> = {};
  for (const [v, s] of all) if (v !== version) older[v] = box.seal(s, ringSlot(v)).toString('base64');
  await store.setMeta(RING_KEY, JSON.stringify({ current: version, verifiers: { ...ring.verifiers, [version]: verifier(next) }, older } satisfies Ring));
  return { version, resealed };
}

/** Replaces the secret file with `next` atomically (0600). */
export function replaceSecretFile(file: string, next: Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, next.toString('utf8'), { mode: 0o600, flag: 'wx' });
  renameSync(tmp, file);
}
