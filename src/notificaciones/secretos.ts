/**
 * The one place where this capability seals and opens its secrets (the SMTP password,
 * webhook secrets). Each call names the row the secret belongs to, so that binding a
 * ciphertext to its row (AES-GCM additional data) is a change here only.
 */
import type { SecretBox } from '../shared/secret-box.ts';

/** The row a secret belongs to. */
export type SecretSlot =
  | { table: 'smtp_empresas'; column: 'password_sealed'; empresaId: number }
  | { table: 'webhooks'; column: 'secret_sealed'; publicId: string };

export function sealSecret(box: SecretBox, _slot: SecretSlot, plain: Buffer): Buffer {
  return box.seal(plain);
}

export function openSecret(box: SecretBox, _slot: SecretSlot, sealed: Buffer): Buffer {
  return box.open(sealed);
}
