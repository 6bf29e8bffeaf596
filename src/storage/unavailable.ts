/**
 * "The database is unreachable right now": a lost or refused connection, or a server
 * shutting down or restarting (failover, pooler restart, pg_terminate_backend). Such
 * errors are retried, answer 503 rather than 500, and never end a worker.
 */

/** SQLSTATE class 08 (connection exception) and the 57P0x shutdown codes. */
const SQLSTATE = /^(08...|57P0[1-4])$/;
const ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/** pg's own messages for a connection that went away or was never usable. */
const MESSAGES = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SQLSTATE.test(code) || ERRNO.has(code))) return true;
  return typeof message === 'string' && MESSAGES.test(message);
}

/**
 * Errors after which a statement surely did not run, so that running it again is
 * safe even when it writes: the server said it aborted it (57P0x), or no connection
 * was made (refused, unreachable, the client was already broken).
 */
export function surelyNotExecuted(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^57P0[1-4]$/.test(code) || code === '08001' || code === '08004'
    || ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'].includes(code))) return true;
  return typeof message === 'string' && /^(Client has encountered a connection error|timeout exceeded when trying to connect)/.test(message);
}
