/**
 * Encryption at rest for secrets (CSD private keys and their passwords, SMTP passwords,
 * webhook secrets, PAC credentials): AES-256-GCM with keys derived from the server
 * secret.
 *
 * Each sealed value is bound to its row: the additional authenticated data names the
 * table, column and row id, so a value copied to another row (another empresa's CSD)
 * does not open. Keys are versioned: a box names the key version that sealed it, so
 * `cfdi-async secret rotate` can move everything to a new secret (main/secrets.ts).
 *
 * Layout: 2 (format) | key version (2 bytes, big-endian) | IV (12) | tag (16) | ciphertext.
 * Format 1 (1 | IV | tag | ciphertext, unbound, written before issue 16) still opens
 * with the current key, until the startup reseal (main/secrets.ts) replaces it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The row a sealed value belongs to: one per sealed column of a row. */
export interface SealSlot {
  table: string;
  column: string;
  /** The row's id, or its natural key when the id is not known before the insert. */
  id: string | number;
}

export interface SecretBox {
  /** The key version `seal` uses. */
  readonly version: number;
  seal(plain: Buffer, slot: SealSlot): Buffer;
  /** Throws when the box was tampered with, belongs to another slot, or was sealed with an unknown key. */
  open(box: Buffer, slot: SealSlot): Buffer;
  /** The key version that sealed a box (0: format 1, unbound). */
  versionOf(box: Buffer): number;
}

const FORMAT = 2;
const LEGACY = 1;
const HEADER = 3;

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/** The AES key of one secret (the derivation of format 1, so a legacy box opens with the same key). */
export function deriveKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cfdi-async secrets at rest', 32));
}

function aad(header: Buffer, slot: SealSlot): Buffer {
  return Buffer.concat([header, Buffer.from(`${slot.table}\0${slot.column}\0${String(slot.id)}`, 'utf8')]);
}

/**
 * `secret`: one secret (key version 1), or a key ring: every version this process can
 * open, and the current one, which seals.
 */
export function createSecretBox(secret: Buffer | { current: number; secrets: ReadonlyMap<number, Buffer> }): SecretBox {
  const ring = Buffer.isBuffer(secret) ? { current: 1, secrets: new Map([[1, secret]]) } : secret;
  const keys = new Map([...ring.secrets].map(([v, s]) => [v, deriveKey(s)]));
  const current = keys.get(ring.current);
  if (!current || ring.current < 1 || ring.current > 0xffff) throw new RangeError(`no key for the current version ${ring.current}`);
  return {
    version: ring.current,
    seal(plain, slot) {
      const header = Buffer.from([FORMAT, ring.current >> 8, ring.current & 0xff]);
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', current, iv).setAAD(aad(header, slot));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([header, iv, c.getAuthTag(), body]);
    },
    open(box, slot) {
      if (box.length >= 29 && box[0] === LEGACY) {
        const d = createDecipheriv('aes-256-gcm', current, box.subarray(1, 13));
        d.setAuthTag(box.subarray(13, 29));
        return Buffer.concat([d.update(box.subarray(29)), d.final()]);
      }
      if (box.length < HEADER + 28 || box[0] !== FORMAT) throw new Error('secret box: unknown format');
      const version = box.readUInt16BE(1);
      const key = keys.get(version);
      if (!key) {
        throw new SecretKeyError(`secret box: sealed with key version ${version}, which this process does not have (it runs with version ${ring.current}); `
          + 'restart it with the current secret');
      }
      const d = createDecipheriv('aes-256-gcm', key, box.subarray(HEADER, HEADER + 12)).setAAD(aad(box.subarray(0, HEADER), slot));
      d.setAuthTag(box.subarray(HEADER + 12, HEADER + 28));
      return Buffer.concat([d.update(box.subarray(HEADER + 28)), d.final()]);
    },
    versionOf(box) {
      return box[0] === FORMAT && box.length >= HEADER ? box.readUInt16BE(1) : 0;
    },
  };
}
