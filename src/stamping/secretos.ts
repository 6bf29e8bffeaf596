/**
 * The one place where the PAC credentials (password, SW account token) are sealed and
 * opened. Each call names the row the secret belongs to, so that binding a ciphertext to
 * its row (AES-GCM additional data) is a change here only.
 */
import type { SecretBox } from '../shared/secret-box.ts';

export type PacSecretSlot = { table: 'empresa_pacs'; column: 'password_sealed' | 'token_sealed'; empresaId: number };

export function sealPacSecret(box: SecretBox, _slot: PacSecretSlot, plain: string): Buffer {
  return box.seal(Buffer.from(plain, 'utf8'));
}

export function openPacSecret(box: SecretBox, _slot: PacSecretSlot, sealed: Buffer): string {
  return box.open(sealed).toString('utf8');
}
