/**
 * The sealed-values port: every value of the database sealed with the server secret,
 * each named by its row (SealSlot), for the startup reseal of older boxes and for
 * `cfdi-async secret rotate` (main/secrets.ts). A capability that adds a sealed column
 * adds one row to SEALED_COLUMNS and seals with the same slot.
 */
import type { SealSlot } from '../shared/secret-box.ts';

export interface SealedColumn {
  table: string;
  column: string;
  /** SQL (same on SQLite and PostgreSQL) for the slot id of a row: what the sealing code names. */
  id: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  // CSDs: sealed before the insert, so bound to the natural key empresa/noCertificado.
  { table: 'csds', column: 'key_encrypted', id: "empresa_id || '/' || no_certificado" },
  { table: 'csds', column: 'password_encrypted', id: "empresa_id || '/' || no_certificado" },
  { table: 'smtp_empresas', column: 'password_sealed', id: 'empresa_id' },
  { table: 'webhooks', column: 'secret_sealed', id: 'public_id' },
  { table: 'empresa_pacs', column: 'password_sealed', id: 'empresa_id' },
  { table: 'empresa_pacs', column: 'token_sealed', id: 'empresa_id' },
];

export interface SealedValue {
  slot: SealSlot;
  box: Buffer;
}

export interface SealedValues {
  /** Every non-null sealed value of SEALED_COLUMNS. */
  list(): Promise<SealedValue[]>;
  /** Replaces a value only if it still is `old` (another process may have changed it); true when replaced. */
  replace(slot: SealSlot, old: Buffer, box: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

/** The SQL of `list` and `replace` for one column; `?` placeholders. */
export function sealedSql(c: SealedColumn): { list: string; replace: string } {
  return {
    list: `SELECT CAST(${c.id} AS TEXT) AS id, ${c.column} AS box FROM ${c.table} WHERE ${c.column} IS NOT NULL`,
    replace: `UPDATE ${c.table} SET ${c.column} = ? WHERE CAST(${c.id} AS TEXT) = ? AND ${c.column} = ?`,
  };
}

export function columnOf(slot: SealSlot): SealedColumn {
  const c = SEALED_COLUMNS.find((x) => x.table === slot.table && x.column === slot.column);
  if (!c) throw new Error(`not a sealed column: ${slot.table}.${slot.column}`);
  return c;
}
