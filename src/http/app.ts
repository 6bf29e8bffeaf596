/**
 * The HTTP API of the seed (three endpoints) plus /health, /ready, /metrics and the OpenAPI
 * description at /docs. Handlers only translate HTTP to `invoicing/` calls; the error
 * handler is the one place where error codes become HTTP statuses.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyError, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import { submitPeticion } from '../invoicing/submit.ts';
import { queryPeticion } from '../invoicing/query.ts';
import { download, type DownloadQuery } from '../invoicing/download.ts';
import { AppError, ERRORS, formatGenerationError, type ErrorCode } from '../shared/errors.ts';
import { openApiInfo, schemas } from './schemas.ts';
import { registerOperacion, type OperacionOptions } from './operacion.ts';
import { isDatabaseUnavailable } from '../storage/unavailable.ts';

export interface HttpOptions {
  https?: { key: string | Buffer; cert: string | Buffer };
  /** A pino logger instance or options; false to disable request logs. */
  logger?: FastifyServerOptions['loggerInstance'] | false;
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
  } as FastifyServerOptions);

  // Route schemas document the API (OpenAPI); validation and serialization are ours,
  // so every answer keeps the seed's exact shapes.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(swagger, { openapi: openApiInfo });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const code = errorCode(err);
    const def = ERRORS[code];
    if (def.http >= 500) req.log.error({ err }, 'request failed');
    const message = err instanceof AppError ? err.message : publicMessage(code, err);
    if (code === 'BD_NO_DISPONIBLE') void reply.header('Retry-After', '5');
    void reply.status(def.http).send({ errors: [formatGenerationError(code, message)] });
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  registerOperacion(app, d.queue, o.operacion ?? {});

  app.put<{ Params: { keyEmpresa: string } }>('/:keyEmpresa/cfdisAsync', { schema: schemas.put }, async (req, reply) => {
    const ct = String(req.headers['content-type'] ?? '');
    if (!ct.toLowerCase().startsWith('application/json')) {
      throw new AppError('API_CONTENT_TYPE', 'El cuerpo debe enviarse con Content-Type: application/json');
    }
    const answer = await submitPeticion(d, req.params.keyEmpresa, req.body);
    return reply.status(200).send(answer);
  });

  app.get<{ Params: { keyEmpresa: string; idPeticion: string } }>('/:keyEmpresa/cfdis/:idPeticion', { schema: schemas.get }, async (req, reply) => {
    const a = await queryPeticion(d, req.params.keyEmpresa, req.params.idPeticion);
    // Additive: `correos` (the e-mails of the CFDI) when there are any.
    return reply.status(a.status).send(a.status === 200 && d.notifier ? { ...a.body, ...(await d.notifier.camposConsulta(a.body)) } : a.body);
  });

  app.get<{ Params: { keyEmpresa: string }; Querystring: DownloadQuery }>(
    '/:keyEmpresa/descargasCfdiAsync',
    { schema: schemas.download },
    async (req, reply) => {
      const q = singleValues(req.query as Record<string, unknown>);
      const a = await download(d, req.params.keyEmpresa, q);
      if (a.status === 204) return reply.status(204).send();
      if (a.nextPage) void reply.header('X-Siguiente-Pagina', a.nextPage);
      return reply
        .status(200)
        .header('Content-Type', a.contentType)
        .header('Content-Disposition', `attachment; filename="${a.fileName}"`)
        .send(a.body);
    },
  );
  return app;
}

/** Repeated query parameters are a client mistake; the first value wins, non-strings are dropped. */
function singleValues(q: Record<string, unknown>): DownloadQuery {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s;
  }
  return out;
}

function errorCode(err: FastifyError | AppError): ErrorCode {
  if (err instanceof AppError) return err.code;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'API_ARCHIVO_GRANDE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'API_CONTENT_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'API_CUERPO_INVALIDO';
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return 'API_CUERPO_INVALIDO';
  if (isDatabaseUnavailable(err)) return 'BD_NO_DISPONIBLE';
  return 'GEN_INTERNO';
}

function publicMessage(code: ErrorCode, err: Error): string {
  switch (code) {
    case 'API_ARCHIVO_GRANDE':
      return 'El cuerpo de la petición excede el tamaño máximo permitido';
    case 'API_CONTENT_TYPE':
      return 'El cuerpo debe enviarse con Content-Type: application/json';
    case 'API_CUERPO_INVALIDO':
      return `El cuerpo no es JSON válido: ${err.message}`;
    case 'BD_NO_DISPONIBLE':
      return 'La base de datos no está disponible en este momento; intente de nuevo en unos segundos';
    default:
      // Internal details stay in the logs.
      return 'Error interno del servicio';
  }
}
