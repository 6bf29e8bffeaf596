/**
 * Routes of the seed family's synchronous generation (issue 14): `PUT /{keyEmpresa}/cfdis`
 * and `PUT /{keyEmpresa}/cfdisPdf64`, plus the Idempotency-Key header shared with
 * `PUT …/cfdisAsync`. Handlers only translate HTTP to `invoicing/sincrono.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import { generateSync } from '../invoicing/sincrono.ts';
import { AppError } from '../shared/errors.ts';
import { familiaSchemas } from './familia-schemas.ts';

/** The Idempotency-Key header, when sent (node joins a repeated header with ", ", which then fails the check). */
export function idempotencyKey(h: IncomingHttpHeaders): string | undefined {
  const v = h['idempotency-key'];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The PUTs' body is JSON only, as the seed demands. */
export function requireJson(h: IncomingHttpHeaders): void {
  if (!String(h['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('API_CONTENT_TYPE', 'El cuerpo debe enviarse con Content-Type: application/json');
  }
}

export function registerSincrono(app: FastifyInstance, d: InvoicingDeps): void {
  for (const [path, pdf] of [['cfdis', false], ['cfdisPdf64', true]] as const) {
    app.put<{ Params: { keyEmpresa: string } }>(`/:keyEmpresa/${path}`, { schema: pdf ? familiaSchemas.putPdf64 : familiaSchemas.putSync }, async (req, reply) => {
      requireJson(req.headers);
      // A client that hangs up stops our wait, not its peticion.
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      const a = await generateSync(d, req.params.keyEmpresa, req.body, {
        pdf,
        idempotencyKey: idempotencyKey(req.headers),
        signal: gone.signal,
        extras: d.notifier ? (b, tieneCorreos) => d.notifier!.camposConsulta(b, tieneCorreos) : undefined,
      });
      return reply.status(a.status).send(a.body);
    });
  }
}
