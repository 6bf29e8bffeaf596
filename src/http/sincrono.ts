/**
 * Routes of the seed family's synchronous generation (issue 14): `PUT /{keyEmpresa}/cfdis`
 * and `PUT /{keyEmpresa}/cfdisPdf64`, plus the Idempotency-Key header shared with
 * `PUT …/cfdisAsync`. Handlers only translate HTTP to `invoicing/sincrono.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The Idempotency-Key header, when sent (node joins a repeated header with ", ", which then fails the check). */
export function idempotencyKey(h: IncomingHttpHeaders): string | undefined {
  const v = h['idempotency-key'];
  return Array.isArray(v) ? v.join(', ') : v;
}
