/**
 * keyEmpresa is the tenant's credential and travels in the URL path: every URL that
 * reaches the logs goes through `logUrl`, which keeps only its last four characters
 * (enough to tell tenants apart in an incident, useless to an attacker).
 */
import type { FastifyRequest } from 'fastify';

/** `f73ee14e-…-85aabf6f3ac1` → `***3ac1`. */
export function maskKey(key: string): string {
  return key.length > 8 ? `***${key.slice(-4)}` : '***';
}

/** Paths that never carry a credential in their first segment. */
const PUBLIC_FIRST_SEGMENTS = new Set(['', 'health', 'ready', 'metrics', 'docs']);

/**
 * The URL with every path segment that the route names `:keyEmpresa` masked. A URL no
 * route matched (a 404, a malformed URL) may still start with a key: its first
 * segment is masked unless it is one of the service's public paths.
 */
export function maskUrl(url: string, routePattern?: string): string {
  const q = url.search(/[?#]/);
  const segments = (q < 0 ? url : url.slice(0, q)).split('/');
  const at: number[] = [];
  if (routePattern) {
    const pattern = routePattern.split('/');
    for (let i = 0; i < pattern.length && i < segments.length; i++) if (pattern[i] === ':keyEmpresa') at.push(i);
  } else if (segments.length > 1 && !PUBLIC_FIRST_SEGMENTS.has(segments[1])) {
    at.push(1);
  }
  if (at.length === 0) return url;
  const keys = at.map((i) => segments[i]);
  for (const i of at) segments[i] = maskKey(segments[i]);
  let out = `${segments.join('/')}${q < 0 ? '' : url.slice(q)}`;
  // The key repeated anywhere else (a query parameter, a pasted URL) goes too.
  for (const k of keys) if (k.length >= 8) out = out.split(k).join(maskKey(k));
  return out;
}

/** The request's URL as it may be logged. */
export function logUrl(req: FastifyRequest): string {
  // A request that matched no route has no pattern (fastify reports undefined).
  const pattern = req.routeOptions?.url;
  return maskUrl(req.url, pattern && !req.is404 ? pattern : undefined);
}

/** Replaces fastify's `req` serializer: the same fields, the URL masked. */
export function reqSerializer(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: logUrl(req),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** fastify's per-request child logger, with `reqSerializer` in place of its own. */
export function maskedChildLogger<L extends { child(bindings: object, options: object): L }>(
  logger: L,
  bindings: object,
  options: { serializers?: Record<string, unknown> },
): L {
  return logger.child(bindings, { ...options, serializers: { ...options.serializers, req: reqSerializer } });
}
