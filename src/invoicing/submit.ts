/**
 * PUT /{keyEmpresa}/cfdisAsync: accept a document. Only the envelope is checked here
 * (ids, sizes); layout and fiscal errors come later from the GET, as in the seed.
 * Once this returns, the request and its job are committed together: it will be
 * processed even if the process dies right after answering.
 */
import type { InvoicingDeps } from './deps.ts';
import type { NewPeticion } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';
import { checkIdempotencyKey, createOnce } from './idempotencia.ts';

export interface SubmitBody {
  idTipoCfd?: unknown;
  idSucursal?: unknown;
  archivoFuente?: unknown;
}

/**
 * `idempotencyKey` (the Idempotency-Key header, issue 14): the same key and body within
 * the window answer the first idPeticion and queue nothing; see idempotencia.ts.
 *
 * The errors keep their order: 401 API_EMPRESA_DESCONOCIDA, the Idempotency-Key, the
 * body (API_CUERPO_INVALIDO, API_ARCHIVO_VACIO, API_ARCHIVO_GRANDE), then API_ID_INVALIDO
 * for the tipo and for the sucursal. The body is checked in memory first, so a valid one
 * without a key costs one round trip (issue 17): the store checks the key, the tipo and
 * the sucursal while it writes. Only the other requests read the destino first.
 */
export async function submitPeticion(d: InvoicingDeps, keyEmpresa: string, body: unknown, idempotencyKey?: string): Promise<{ idPeticion: string }> {
  const envio = readBody(d, body, idempotencyKey);
  const tipoId = envio.tipoId ?? 0;
  const sucursalId = envio.sucursalId ?? 0;
  if ('error' in envio) {
    // The 401 comes before the body's errors: only the database can tell which one this is.
    if (!(await d.store.getEmpresaByKey(keyEmpresa))) throw refusal('empresa', keyEmpresa);
    throw envio.error;
  }
  const { archivoFuente, clave } = envio;
  if (clave === undefined) {
    const r = await d.store.createPeticionForKey(keyEmpresa, { tipoId, sucursalId, archivoFuente, ...vigencia(d) });
    if ('faltante' in r) throw refusal(r.faltante, keyEmpresa);
    // Committed, and the store woke the workers with it (a channel message; NOTIFY in the same statement on PostgreSQL).
    return { idPeticion: d.ids.encode('peticion', r.peticionId) };
  }
  const destino = await d.store.destinoPeticion(keyEmpresa, tipoId, sucursalId);
  if (!destino) throw refusal('empresa', keyEmpresa);
  if (!destino.tipo) throw refusal('tipo', keyEmpresa);
  if (!destino.sucursal) throw refusal('sucursal', keyEmpresa);
  const peticion: NewPeticion = { empresaId: destino.empresa.id, tipoId, sucursalId, archivoFuente, ...vigencia(d) };
  const id = await createOnce(d, peticion, clave, [...envio.campos, archivoFuente]);
  return { idPeticion: d.ids.encode('peticion', id) };
}

/** The request as far as it can be checked without the database; `error` is the first of its errors after the 401. */
type Envio = { tipoId?: number; sucursalId?: number } & (
  | { error: AppError }
  | { archivoFuente: string; clave?: string; campos: [string, string] }
);

function readBody(d: InvoicingDeps, body: unknown, idempotencyKey: string | undefined): Envio {
  const b = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as SubmitBody) : undefined;
  // Undecodable or foreign-kind ids are 0, which no row has: the store answers them like a foreign id.
  const ids = {
    tipoId: typeof b?.idTipoCfd === 'string' ? d.ids.decode('tipo', b.idTipoCfd) : undefined,
    sucursalId: typeof b?.idSucursal === 'string' ? d.ids.decode('sucursal', b.idSucursal) : undefined,
  };
  try {
    const clave = idempotencyKey === undefined ? undefined : checkIdempotencyKey(idempotencyKey);
    if (!b) throw new AppError('API_CUERPO_INVALIDO', 'El cuerpo debe ser un objeto JSON con idTipoCfd, idSucursal y archivoFuente');
    const missing = (['idTipoCfd', 'idSucursal', 'archivoFuente'] as const).filter((k) => typeof b[k] !== 'string');
    if (missing.length) throw new AppError('API_CUERPO_INVALIDO', `Faltan o no son texto: ${missing.join(', ')}`);
    const archivoFuente = b.archivoFuente as string;
    if (archivoFuente.trim() === '') throw new AppError('API_ARCHIVO_VACIO', 'archivoFuente está vacío');
    if (Buffer.byteLength(archivoFuente, 'utf8') > d.settings.maxDocumentBytes) {
      throw new AppError('API_ARCHIVO_GRANDE', `archivoFuente excede ${d.settings.maxDocumentBytes} bytes`);
    }
    return { ...ids, archivoFuente, clave, campos: [b.idTipoCfd as string, b.idSucursal as string] };
  } catch (e) {
    if (e instanceof AppError) return { ...ids, error: e };
    throw e;
  }
}

function refusal(faltante: 'empresa' | 'tipo' | 'sucursal', keyEmpresa: string): AppError {
  switch (faltante) {
    case 'empresa': return new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
    case 'tipo': return new AppError('API_ID_INVALIDO', 'idTipoCfd no es válido para esta empresa');
    case 'sucursal': return new AppError('API_ID_INVALIDO', 'idSucursal no es válido para esta empresa');
  }
}

/** createdAt now, expiresAt after the request TTL. */
function vigencia(d: InvoicingDeps): { createdAt: string; expiresAt: string } {
  const now = d.clock();
  return { createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + d.settings.requestTtlDays * 86_400_000).toISOString() };
}
