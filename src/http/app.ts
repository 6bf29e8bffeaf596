/**
 * The HTTP API of the seed (three endpoints) plus /health, /ready, /metrics and the OpenAPI
 * description at /docs. Handlers only translate HTTP to `invoicing/` calls; the error
 * handler is the one place where error codes become HTTP statuses.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import { submitPeticion } from '../invoicing/submit.ts';
import { queryPeticion } from '../invoicing/query.ts';
import { download, type DownloadAnswer, type DownloadQuery } from '../invoicing/download.ts';
import { AppError } from '../shared/errors.ts';
import { answerClientError, answerError } from './error-answer.ts';
import { logUrl, maskedChildLogger } from './log-mask.ts';
import { registerLimits } from './limits.ts';
import { recordRoutes } from './route-list.ts';
import type { LimitsConfig } from '../config/config.ts';
import { openApiInfo, schemas } from './schemas.ts';
import { idempotencyKey, registerSincrono, requireJson } from './sincrono.ts';
import { registerConsultas } from './consultas.ts';
import { registerCancelacion } from './cancelacion.ts';
import type { CancelacionDeps } from '../cancelacion/deps.ts';
import { registerEstadoSat } from './estado-sat.ts';
import { registerOperacion, type OperacionOptions } from './operacion.ts';

export interface HttpOptions {
  https?: { key: string | Buffer; cert: string | Buffer };
  /** A pino logger instance or options; false to disable request logs. */
  logger?: FastifyServerOptions['loggerInstance'] | false;
  /** Per-keyEmpresa rate and bulk-download bound (limits.ts); none when absent. */
  limits?: LimitsConfig;
  /** POST /{keyEmpresa}/cfdis/cancelar (issue 12); absent where nothing is cancelled. */
  cancelacion?: CancelacionDeps;
  /** /health, /ready and /metrics (http/operacion.ts). */
  operacion?: OperacionOptions;
}

export async function buildApp(d: InvoicingDeps, o: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(o.https ? { https: o.https } : {}),
    ...(o.logger ? { loggerInstance: o.logger } : { logger: false }),
    // The JSON envelope around archivoFuente may escape every byte (\uXXXX): allow for it.
    bodyLimit: d.settings.maxDocumentBytes * 6 + 64 * 1024,
    // Clients poll the GET many times per document: fastify's two info lines per request
    // would drown everything else. Each request is logged once, at debug (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed URL (%zz) is answered like every other client error.
    frameworkErrors: answerError,
    clientErrorHandler: answerClientError,
    // keyEmpresa is a credential: URLs reach the logs masked (log-mask.ts).
    childLoggerFactory: maskedChildLogger,
  } as FastifyServerOptions);
  recordRoutes(app);

  // Route schemas document the API (OpenAPI); validation and serialization are ours,
  // so every answer keeps the seed's exact shapes.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(swagger, { openapi: openApiInfo });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler(answerError);
  const limits = registerLimits(app, o.limits);

  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: logUrl(req), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  registerOperacion(app, d.queue, o.operacion ?? {});

  app.put<{ Params: { keyEmpresa: string } }>('/:keyEmpresa/cfdisAsync', { schema: schemas.put }, async (req, reply) => {
    requireJson(req.headers);
    const answer = await submitPeticion(d, req.params.keyEmpresa, req.body, idempotencyKey(req.headers));
    return reply.status(200).send(answer);
  });

  app.get<{ Params: { keyEmpresa: string; idPeticion: string } }>('/:keyEmpresa/cfdis/:idPeticion', { schema: schemas.get }, async (req, reply) => {
    const a = await queryPeticion(d, req.params.keyEmpresa, req.params.idPeticion);
    // Additive: `correos` (the e-mails of the CFDI) when there are any.
    return reply.status(a.status).send(a.status === 200 && d.notifier ? { ...a.body, ...(await d.notifier.camposConsulta(a.body, a.tieneCorreos)) } : a.body);
  });

  app.get<{ Params: { keyEmpresa: string }; Querystring: DownloadQuery }>(
    '/:keyEmpresa/descargasCfdiAsync',
    { schema: schemas.download },
    async (req, reply) => {
      const q = singleValues(req.query as Record<string, unknown>);
      return sendDownload(reply, await download(d, req.params.keyEmpresa, q, { bulkSlot: () => limits.bulkSlot(reply) }));
    },
  );
  registerSincrono(app, d);
  registerConsultas(app, d, { bulkSlot: (reply) => limits.bulkSlot(reply) });
  if (o.cancelacion) registerCancelacion(app, o.cancelacion);
  registerEstadoSat(app, d);
  return app;
}

/** A download's answer: 204, or the file (with the next page's URL of a bulk download). Also descargasCfdi's. */
export function sendDownload(reply: FastifyReply, a: DownloadAnswer): FastifyReply {
  if (a.status === 204) return reply.status(204).send();
  if (a.status === 404) return reply.status(404).send(a.body);
  if (a.nextPage) void reply.header('X-Siguiente-Pagina', a.nextPage);
  return reply
    .status(200)
    .header('Content-Type', a.contentType)
    .header('Content-Disposition', `attachment; filename="${a.fileName}"`)
    .send(a.body);
}

/** Repeated query parameters are a client mistake; the first value wins, non-strings are dropped. */
export function singleValues(q: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s;
  }
  return out;
}
