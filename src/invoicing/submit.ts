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
  const empresa = await d.store.getEmpresaByKey(keyEmpresa);
  if (!empresa) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
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
  const tipoId = d.ids.decode('tipo', b.idTipoCfd as string);
  const tipo = tipoId === undefined ? undefined : await d.store.getTipo(tipoId);
  if (!tipo || tipo.empresaId !== empresa.id) {
    throw new AppError('API_ID_INVALIDO', 'idTipoCfd no es válido para esta empresa');
  }
  const sucursalId = d.ids.decode('sucursal', b.idSucursal as string);
  const sucursal = sucursalId === undefined ? undefined : await d.store.getSucursal(sucursalId);
  if (!sucursal || sucursal.empresaId !== empresa.id) {
    throw new AppError('API_ID_INVALIDO', 'idSucursal no es válido para esta empresa');
  }
  const now = d.clock();
  const expires = new Date(now.getTime() + d.settings.requestTtlDays * 86_400_000);
  const peticion: NewPeticion = {
    empresaId: empresa.id,
    tipoId: tipo.id,
    sucursalId: sucursal.id,
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
