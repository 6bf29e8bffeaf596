/**
 * One HTTP(S) call to a remote service (PACs, the SAT) with the two bounds a caller
 * needs: a connect timeout (the host is down or filtered) and a total timeout (the
 * host accepted and then hangs). Every transport failure becomes a TransportError, so
 * callers tell "no answer" (the request may or may not have been processed) from an
 * answer. Bodies are capped: a remote service never makes us buffer without bound.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpTimeouts {
  connectMs: number;
  totalMs: number;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeouts: HttpTimeouts;
  /** Largest answer accepted (default 32 MiB). */
  maxBytes?: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** No (complete) answer: connection refused or reset, a timeout, a truncated body. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'connect' | 'timeout' | 'reset' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export function httpCall(url: string, c: HttpCall): Promise<HttpAnswer> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return Promise.reject(new TypeError(`not an HTTP URL: ${u.protocol}`));
  const maxBytes = c.maxBytes ?? 32 * 1024 * 1024;
  const body = c.body === undefined ? undefined : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body, 'utf8');
  const headers: Record<string, string> = { ...c.headers };
  if (body) headers['Content-Length'] = String(body.length);
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (e: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      req.destroy();
      reject(e);
    };
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method: c.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (b: Buffer) => {
        size += b.length;
        if (size > maxBytes) fail(new TransportError('too-large', `${u.host}: answer larger than ${maxBytes} bytes`));
        else chunks.push(b);
      });
      res.on('error', (e) => fail(new TransportError('reset', `${u.host}: ${e.message}`)));
      res.on('aborted', () => fail(new TransportError('reset', `${u.host}: answer cut short`)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const connect = setTimeout(() => fail(new TransportError('connect', `${u.host}: no connection after ${c.timeouts.connectMs} ms`)), c.timeouts.connectMs);
    const total = setTimeout(() => fail(new TransportError('timeout', `${u.host}: no complete answer after ${c.timeouts.totalMs} ms`)), c.timeouts.totalMs);
    req.on('socket', (s) => {
      // TLS counts as connecting: the host is not usable until the handshake ends.
      const ready = u.protocol === 'https:' ? 'secureConnect' : 'connect';
      if (!s.connecting && u.protocol === 'http:') clearTimeout(connect);
      else s.once(ready, () => clearTimeout(connect));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const kind = e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' ? 'connect' : 'reset';
      fail(new TransportError(kind, `${u.host}: ${e.code ?? e.message}`));
    });
    req.end(body);
  });
}
