/**
 * The PAC of each empresa, as the operator sets and reads it (`cfdi-async pac set|show`).
 * Credentials are sealed before they reach storage and never come back out of here:
 * the view says only whether each one is set.
 */
import type { SecretBox } from '../shared/secret-box.ts';
import type { Clock } from '../shared/clock.ts';
import type { Empresa } from '../storage/store.ts';
import type { PacEmpresa, PacsStore } from '../storage/pacs.ts';
import { PAC_HOSTS, PROVEEDORES, type Ambiente, type Proveedor } from '../stamping/pacs.ts';
import { sealPacSecret } from '../stamping/secretos.ts';

export interface PacAdminDeps {
  pacs: PacsStore;
  secrets: SecretBox;
  clock: Clock;
}

export interface PacInput {
  proveedor: string;
  ambiente?: string;
  url?: string;
  urlApi?: string;
  usuario?: string;
  password?: string;
  token?: string;
}

export interface PacView {
  empresa: string;
  proveedor: Proveedor;
  ambiente: Ambiente;
  /** The URL in use: the configured one or the PAC's official host for the ambiente. */
  url?: string;
  urlApi?: string;
  usuario?: string;
  password: 'configurada' | 'no configurada';
  token: 'configurado' | 'no configurado';
  produccion: boolean;
  actualizado?: string;
}

import { AppError } from '../shared/errors.ts';

function configError(message: string): AppError {
  return new AppError('PAC_CONFIGURACION', message);
}

function checkUrl(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw configError(`${name} no es una URL: ${v}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw configError(`${name} debe ser http(s): ${v}`);
  if (u.username || u.password) throw configError(`${name} no debe llevar credenciales; use --usuario y --password-file`);
  return v.replace(/\/+$/, '');
}

/** Creates or replaces the empresa's PAC; options not given keep their value when the proveedor stays the same. */
export async function setPac(d: PacAdminDeps, empresa: Empresa, i: PacInput): Promise<PacView> {
  if (!(PROVEEDORES as readonly string[]).includes(i.proveedor)) throw configError(`proveedor desconocido "${i.proveedor}" (${PROVEEDORES.join(', ')})`);
  const proveedor = i.proveedor as Proveedor;
  if (i.ambiente !== undefined && i.ambiente !== 'pruebas' && i.ambiente !== 'produccion') throw configError(`ambiente debe ser pruebas o produccion`);
  const old = await d.pacs.getPac(empresa.id);
  const keep = old?.proveedor === proveedor ? old : undefined;
  const ambiente = (i.ambiente ?? keep?.ambiente ?? 'pruebas') as Ambiente;
  if (proveedor === 'prueba' && ambiente === 'produccion') throw configError('el PAC de prueba no timbra en produccion');
  if (proveedor !== 'sw' && i.urlApi !== undefined) throw configError('--url-api es solo para sw');
  if (proveedor !== 'sw' && i.token !== undefined) throw configError('--token-file es solo para sw');
  const row: PacEmpresa = {
    empresaId: empresa.id,
    proveedor,
    ambiente,
    url: checkUrl('--url', i.url) ?? keep?.url,
    urlApi: checkUrl('--url-api', i.urlApi) ?? keep?.urlApi,
    usuario: i.usuario ?? keep?.usuario,
    passwordSealed: i.password !== undefined
      ? sealPacSecret(d.secrets, { table: 'empresa_pacs', column: 'password_sealed', empresaId: empresa.id }, i.password)
      : keep?.passwordSealed,
    tokenSealed: i.token !== undefined
      ? sealPacSecret(d.secrets, { table: 'empresa_pacs', column: 'token_sealed', empresaId: empresa.id }, i.token)
      : keep?.tokenSealed,
    updatedAt: d.clock().toISOString(),
  };
  if (proveedor === 'prueba') {
    Object.assign(row, { url: undefined, urlApi: undefined, usuario: undefined, passwordSealed: undefined, tokenSealed: undefined });
  } else if (proveedor === 'sw') {
    if (!row.tokenSealed && !(row.usuario && row.passwordSealed)) throw configError('sw necesita --usuario y --password-file, o --token-file');
  } else if (!(row.usuario && row.passwordSealed)) {
    throw configError('finkok necesita --usuario y --password-file');
  }
  await d.pacs.savePac(row);
  return pacView(empresa, row);
}

export async function showPac(d: Pick<PacAdminDeps, 'pacs'>, empresa: Empresa): Promise<PacView> {
  return pacView(empresa, await d.pacs.getPac(empresa.id));
}

export function pacView(empresa: Empresa, p: PacEmpresa | undefined): PacView {
  const proveedor = p?.proveedor ?? 'prueba';
  const ambiente = p?.ambiente ?? 'pruebas';
  const hosts = proveedor === 'prueba' ? undefined : PAC_HOSTS[proveedor][ambiente];
  return {
    empresa: empresa.rfc,
    proveedor,
    ambiente,
    url: p?.url ?? hosts?.url,
    urlApi: proveedor === 'sw' ? (p?.urlApi ?? hosts?.urlApi) : undefined,
    usuario: p?.usuario,
    password: p?.passwordSealed ? 'configurada' : 'no configurada',
    token: p?.tokenSealed ? 'configurado' : 'no configurado',
    produccion: proveedor !== 'prueba' && ambiente === 'produccion',
    actualizado: p?.updatedAt,
  };
}
