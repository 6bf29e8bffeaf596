/**
 * Encryption at rest for secrets (CSD private keys and their passwords):
 * AES-256-GCM with a key derived from the server secret. Layout of a box:
 * version (1 byte) | IV (12) | auth tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: Buffer): Buffer;
  /** Throws when the box was tampered with or sealed with another secret. */
  open(box: Buffer): Buffer;
}

const VERSION = 1;

export function createSecretBox(secret: Buffer): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cfdi-async secrets at rest', 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    open(box) {
      if (box.length < 29 || box[0] !== VERSION) throw new Error('secret box: unknown format');
      const d = createDecipheriv('aes-256-gcm', key, box.subarray(1, 13));
      d.setAuthTag(box.subarray(13, 29));
      return Buffer.concat([d.update(box.subarray(29)), d.final()]);
    },
  };
}
