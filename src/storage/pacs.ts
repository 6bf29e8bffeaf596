/**
 * The storage port of the PAC configuration of each empresa (issue 11): which PAC stamps
 * its CFDIs, in which ambiente, where, and with which credentials. An empresa without a
 * row uses the offline test PAC (`prueba`). `storage/sqlite/pacs.ts` and
 * `storage/postgres/pacs.ts` implement it (test/contract/pacs-store.contract.test.ts).
 * Credentials arrive sealed (stamping/secretos.ts); storage never sees them in clear.
 */

import type { Ambiente, Proveedor } from '../stamping/pacs.ts';

export interface PacEmpresa {
  empresaId: number;
  proveedor: Proveedor;
  ambiente: Ambiente;
  /** Base URL of the PAC's services (absent: the official host of the ambiente). */
  url?: string;
  /** SW only: the "api" host (storage/datawarehouse). */
  urlApi?: string;
  usuario?: string;
  passwordSealed?: Buffer;
  /** SW only: a long-lived account token, used instead of user and password. */
  tokenSealed?: Buffer;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface PacsStore {
  getPac(empresaId: number): Promise<PacEmpresa | undefined>;
  /** Creates or replaces the empresa's row. */
  savePac(p: PacEmpresa): Promise<void>;
  close(): Promise<void>;
}

type Row = Record<string, any>;

/** A database row as a PacEmpresa (shared by both adapters). */
export function toPacEmpresa(r: Row | undefined): PacEmpresa | undefined {
  if (!r) return undefined;
  const p: PacEmpresa = {
    empresaId: Number(r.empresa_id),
    proveedor: r.proveedor,
    ambiente: r.ambiente,
    updatedAt: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at),
  };
  if (r.url != null) p.url = r.url;
  if (r.url_api != null) p.urlApi = r.url_api;
  if (r.usuario != null) p.usuario = r.usuario;
  if (r.password_sealed != null) p.passwordSealed = Buffer.from(r.password_sealed);
  if (r.token_sealed != null) p.tokenSealed = Buffer.from(r.token_sealed);
  return p;
}

/** The row's values in column order: empresa_id, proveedor, ambiente, url, url_api, usuario, password_sealed, token_sealed, updated_at. */
export function pacValues(p: PacEmpresa): unknown[] {
  return [p.empresaId, p.proveedor, p.ambiente, p.url ?? null, p.urlApi ?? null, p.usuario ?? null,
    p.passwordSealed ?? null, p.tokenSealed ?? null, p.updatedAt];
}

export const PAC_COLUMNS = 'empresa_id, proveedor, ambiente, url, url_api, usuario, password_sealed, token_sealed, updated_at';
export const PAC_UPDATE = `proveedor = excluded.proveedor, ambiente = excluded.ambiente, url = excluded.url, url_api = excluded.url_api,
  usuario = excluded.usuario, password_sealed = excluded.password_sealed, token_sealed = excluded.token_sealed, updated_at = excluded.updated_at`;
