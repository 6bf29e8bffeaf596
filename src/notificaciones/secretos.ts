/**
 * The one place where this capability seals and opens its secrets (the SMTP password,
 * webhook secrets). Each call names the row the secret belongs to: the ciphertext is
 * bound to it (AES-GCM additional data), and storage/sealed.ts names the same ids.
 */
import type { SealSlot, SecretBox } from '../shared/secret-box.ts';

/** The row a secret belongs to. */
export type SecretSlot =
  | { table: 'smtp_empresas'; column: 'password_sealed'; empresaId: number }
  | { table: 'webhooks'; column: 'secret_sealed'; publicId: string };

function slotOf(s: SecretSlot): SealSlot {
  return { table: s.table, column: s.column, id: s.table === 'smtp_empresas' ? s.empresaId : s.publicId };
}

export function sealSecret(box: SecretBox, slot: SecretSlot, plain: Buffer): Buffer {
  return box.seal(plain, slotOf(slot));
}

export function openSecret(box: SecretBox, slot: SecretSlot, sealed: Buffer): Buffer {
  return box.open(sealed, slotOf(slot));
}
