/**
 * The one place where the PAC credentials (password, SW account token) are sealed and
 * opened. Each value is bound to its row (AES-GCM additional data: table, column,
 * empresa), and storage/sealed.ts names the same ids so reseal and rotation cover them.
 */
import type { SealSlot, SecretBox } from '../shared/secret-box.ts';

export type PacSecretSlot = { table: 'empresa_pacs'; column: 'password_sealed' | 'token_sealed'; empresaId: number };

function slotOf(s: PacSecretSlot): SealSlot {
  return { table: s.table, column: s.column, id: s.empresaId };
}

export function sealPacSecret(box: SecretBox, slot: PacSecretSlot, plain: string): Buffer {
  return box.seal(Buffer.from(plain, 'utf8'), slotOf(slot));
}

export function openPacSecret(box: SecretBox, slot: PacSecretSlot, sealed: Buffer): string {
  return box.open(sealed, slotOf(slot)).toString('utf8');
}
