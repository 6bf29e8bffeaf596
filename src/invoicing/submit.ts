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
 */
export async function submitPeticion(d: InvoicingDeps, keyEmpresa: string, body: unknown, idempotencyKey?: string): Promise<{ idPeticion: string }> {
  // One read checks the key, the tipo and the sucursal; the errors keep their order (401 first).
  const ids = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as SubmitBody) : {};
  const tipoId = typeof ids.idTipoCfd === 'string' ? d.ids.decode('tipo', ids.idTipoCfd) : undefined;
  const sucursalId = typeof ids.idSucursal === 'string' ? d.ids.decode('sucursal', ids.idSucursal) : undefined;
  const destino = await d.store.destinoPeticion(keyEmpresa, tipoId ?? 0, sucursalId ?? 0);
  if (!destino) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
  const { empresa } = destino;
  const clave = idempotencyKey === undefined ? undefined : checkIdempotencyKey(idempotencyKey);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('API_CUERPO_INVALIDO', 'El cuerpo debe ser un objeto JSON con idTipoCfd, idSucursal y archivoFuente');
  }
  const b = body as SubmitBody;
  const missing = (['idTipoCfd', 'idSucursal', 'archivoFuente'] as const).filter((k) => typeof b[k] !== 'string');
  if (missing.length) {
    throw new AppError('API_CUERPO_INVALIDO', `Faltan o no son texto: ${missing.join(', ')}`);
  }
  const archivoFuente = b.archivoFuente as string;
  if (archivoFuente.trim() === '') throw new AppError('API_ARCHIVO_VACIO', 'archivoFuente está vacío');
  if (Buffer.byteLength(archivoFuente, 'utf8') > d.settings.maxDocumentBytes) {
    throw new AppError('API_ARCHIVO_GRANDE', `archivoFuente excede ${d.settings.maxDocumentBytes} bytes`);
  }
  if (tipoId === undefined || !destino.tipo) throw new AppError('API_ID_INVALIDO', 'idTipoCfd no es válido para esta empresa');
  if (sucursalId === undefined || !destino.sucursal) throw new AppError('API_ID_INVALIDO', 'idSucursal no es válido para esta empresa');
  const now = d.clock();
  const expires = new Date(now.getTime() + d.settings.requestTtlDays * 86_400_000);
  const peticion: NewPeticion = {
    empresaId: empresa.id,
    tipoId,
    sucursalId,
    archivoFuente,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  };
  const id = clave === undefined
    ? await d.store.createPeticion(peticion)
    : await createOnce(d, peticion, clave, [b.idTipoCfd as string, b.idSucursal as string, archivoFuente]);
  // Committed, and the store woke the workers with it (a channel message; NOTIFY in the same statement on PostgreSQL).
  return { idPeticion: d.ids.encode('peticion', id) };
}
