/**
 * One webhook call: POST with a total timeout, no redirects followed, the connection
 * pinned to an address the network policy accepted, and at most a small prefix of the
 * answer kept (the rest is discarded unread).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyAddress, guardedLookup, resolveAllowed, RefusedAddressError, systemResolver, type NetworkPolicy, type Resolver } from './red.ts';

export const RESPONSE_PREFIX_BYTES = 512;

export interface PostResult {
  /** HTTP status, or undefined when no answer came (timeout, connection refused, refused address). */
  status?: number;
  /** The first bytes of the answer's body, as text. */
  bodyPrefix: string;
  error?: string;
  /** The destination was refused by the network policy: retrying cannot help. */
  refused?: boolean;
  ms: number;
}

export interface PostOptions {
  timeoutMs: number;
  policy: NetworkPolicy;
  resolver?: Resolver;
}

/** Checks that a URL may be registered: scheme, no credentials, and where it resolves now. */
export async function checkWebhookUrl(raw: string, policy: NetworkPolicy, resolver: Resolver = systemResolver): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('a webhook URL must be https:// (or http:// to an allowed internal network)');
  if (url.username || url.password) throw new Error('a webhook URL must not carry credentials: receivers authenticate us by the signature');
  if (url.hash) throw new Error('a webhook URL must not have a #fragment');
  const addresses = await resolveAllowed(url.hostname, policy, resolver);
  plainHttpCheck(url, addresses.map((a) => a.address));
  return url;
}

/** Plain http only to internal networks the operator allowed: invoice data does not cross the Internet in clear. */
function plainHttpCheck(url: URL, addresses: string[]): void {
  if (url.protocol === 'http:' && addresses.some((a) => classifyAddress(a) === 'public')) {
    throw new RefusedAddressError(`${url.hostname} is a public address: use https://`);
  }
}

export async function postJson(rawUrl: string, body: string, headers: Record<string, string>, o: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  let url: URL;
  try {
    url = new URL(rawUrl);
    const addresses = await resolveAllowed(url.hostname, o.policy, o.resolver);
    plainHttpCheck(url, addresses.map((a) => a.address));
  } catch (e) {
    return { bodyPrefix: '', error: (e as Error).message, refused: e instanceof RefusedAddressError, ms: ms() };
  }
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...r, ms: ms() });
    };
    const payload = Buffer.from(body, 'utf8');
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
      lookup: guardedLookup(o.policy, o.resolver) as never,
      agent: false,
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => finish({ status: res.statusCode, bodyPrefix: Buffer.concat(chunks).subarray(0, RESPONSE_PREFIX_BYTES).toString('utf8') });
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_PREFIX_BYTES) chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_PREFIX_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => finish({ bodyPrefix: '', error: `no answer within ${o.timeoutMs} ms` }), o.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish({ bodyPrefix: '', error: e.message, refused: e instanceof RefusedAddressError }));
    req.end(payload);
  });
}
