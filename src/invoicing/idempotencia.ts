/**
 * Idempotent submission (issue 14): a client that retries a PUT …/cfdisAsync after a
 * dropped connection sends the same `Idempotency-Key` and gets the first idPeticion
 * back instead of a second invoice. The storage port makes the claim race-safe (one
 * peticion per empresa and key); this module decides what "the same request" means.
 */
import { createHash } from 'node:crypto';
import type { InvoicingDeps } from './deps.ts';
import type { NewPeticion } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';

/** How long a key names its peticion (issue 14): far beyond any client's retries, within the SAT's 72 h to stamp a Fecha. */
export const IDEMPOTENCY_WINDOW_HOURS = 72;
export const IDEMPOTENCY_KEY_MAX = 100;

/** Visible ASCII and spaces inside: what survives every HTTP stack unchanged. */
const KEY = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

export function checkIdempotencyKey(raw: string): string {
  if (raw.length === 0 || raw.length > IDEMPOTENCY_KEY_MAX || !KEY.test(raw)) {
    throw new AppError('API_IDEMPOTENCY_KEY', `Idempotency-Key debe tener de 1 a ${IDEMPOTENCY_KEY_MAX} caracteres ASCII visibles (se recibieron ${raw.length})`);
  }
  return raw;
}

/**
 * The peticion named by `clave`, created now unless a request with that key was accepted
 * within the window. The body is compared by a SHA-256 of its three fields, so JSON
 * spacing or key order do not matter but any change of the document does (409).
 */
export async function createOnce(d: InvoicingDeps, p: NewPeticion, clave: string, campos: [string, string, string]): Promise<number> {
  const huella = createHash('sha256').update(JSON.stringify(campos)).digest('hex');
  // A key never outlives its peticion: with a shorter CFDI_REQUEST_TTL_DAYS the window shrinks with it.
  const windowMs = Math.min(IDEMPOTENCY_WINDOW_HOURS * 3600_000, Date.parse(p.expiresAt) - Date.parse(p.createdAt));
  const vigenteDesde = new Date(Date.parse(p.createdAt) - windowMs).toISOString();
  const r = await d.store.createPeticionIdempotent(p, { clave, huella, vigenteDesde });
  if (r.huella !== huella) {
    throw new AppError('API_IDEMPOTENCY_CONFLICTO',
      `La Idempotency-Key "${clave}" ya se usó con otro cuerpo (idPeticion ${d.ids.encode('peticion', r.peticionId)}); use otra clave para otro documento`);
  }
  if (!r.nueva) d.log.info({ peticion: r.peticionId }, 'idempotent PUT answered with the existing peticion');
  return r.peticionId;
}
