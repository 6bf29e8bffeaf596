/**
 * The one place where a failed request becomes an HTTP answer: our registry codes map to
 * their status; a 4xx raised by fastify or a plugin (a forbidden static path, a bad URL,
 * a range that cannot be satisfied) keeps its status; anything else is a 500 whose
 * details stay in the logs. Every body has the seed's error shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logUrl } from './log-mask.ts';
import { AppError, ERRORS, formatGenerationError, type ErrorCode } from '../shared/errors.ts';
import { isDatabaseUnavailable } from '../storage/unavailable.ts';

/** A refusal that passes with time (a limit, a busy resource): answered with Retry-After. */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

export function answerError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply): void {
  const code = errorCode(err);
  // The framework's own 4xx keeps its status; our codes have theirs in the registry.
  const status = !(err instanceof AppError) && code === 'API_SOLICITUD_RECHAZADA' ? err.statusCode! : ERRORS[code].http;
  if (err instanceof RetryLaterError) {
    void reply.header('Retry-After', String(err.retryAfterSeconds));
    // Expected under load: a capacity signal for operators, not a failure with a stack.
    const entry = { code, method: req.method, url: logUrl(req), retryAfter: err.retryAfterSeconds };
    if (status >= 500) req.log.warn(entry, 'refused until later');
    else req.log.debug(entry, 'refused until later');
  } else if (status >= 500) {
    req.log.error({ err, method: req.method, url: logUrl(req) }, 'request failed');
  }
  // A database that went away (failover, restart) comes back: the client retries shortly.
  if (code === 'BD_NO_DISPONIBLE') void reply.header('Retry-After', '5');
  const message = err instanceof AppError ? err.message : publicMessage(code, err, status);
  // A streamed download that failed before its first byte had set its file's headers.
  void reply.removeHeader('Content-Disposition').removeHeader('X-Siguiente-Pagina').type('application/json; charset=utf-8');
  void reply.status(status).send({ errors: [formatGenerationError(code, message)] });
}

function isClientStatus(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 400 && n <= 499;
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
  // The JSON body parser throws SyntaxError (with statusCode 400).
  if (err instanceof SyntaxError) return 'API_CUERPO_INVALIDO';
  if (isClientStatus(err.statusCode)) return 'API_SOLICITUD_RECHAZADA';
  if (isDatabaseUnavailable(err)) return 'BD_NO_DISPONIBLE';
  return 'GEN_INTERNO';
}

function publicMessage(code: ErrorCode, err: Error, status: number): string {
  switch (code) {
    case 'API_ARCHIVO_GRANDE':
      return 'El cuerpo de la petición excede el tamaño máximo permitido';
    case 'API_CONTENT_TYPE':
      return 'El cuerpo debe enviarse con Content-Type: application/json';
    case 'API_CUERPO_INVALIDO':
      return `El cuerpo no es JSON válido: ${err.message}`;
    case 'API_SOLICITUD_RECHAZADA': {
      // The framework's code says which check refused it; its message may quote internals.
      const fst = (err as FastifyError).code;
      return `La solicitud fue rechazada: ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd() + (fst ? ` (${fst})` : '');
    }
    case 'BD_NO_DISPONIBLE':
      return 'La base de datos no está disponible en este momento; intente de nuevo en unos segundos';
    default:
      // Internal details stay in the logs.
      return 'Error interno del servicio';
  }
}

/**
 * Bytes that are not a request fastify can route (headers over 16 KB, a malformed
 * request line, a client too slow to send its headers): answered in the seed error
 * shape and, unlike fastify's default, with `Connection: close`, so a keep-alive client
 * does not send its next request down the socket about to be closed.
 */
export function answerClientError(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  // Only the parser's code: the raw bytes (err.rawPacket) hold the URL and so the keyEmpresa.
  this.log.debug({ code: err.code, status }, 'unparseable request');
  const why = status === 431 ? 'los encabezados o la URL exceden 16 KB' : status === 408 ? 'el cliente tardó demasiado en enviarla' : 'no es una petición HTTP válida';
  const body = JSON.stringify({ errors: [formatGenerationError('API_SOLICITUD_RECHAZADA', `La solicitud fue rechazada: ${status} ${STATUS_CODES[status]}: ${why}`)] });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  // Flushed, then closed: the client reads the whole answer instead of a reset.
  socket.once('finish', () => socket.destroy());
  socket.end();
}
