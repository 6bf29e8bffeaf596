/**
 * The webhook signature (docs/webhooks.md): HMAC-SHA256, keyed with the endpoint's secret
 * (its UTF-8 text), over `<timestamp>.<body>`, sent as
 * `X-Cfdi-Firma: t=<unix seconds>,v1=<hex digest>`. The timestamp lets receivers refuse
 * replays; the body is the exact bytes sent, the same on every attempt of one event.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-cfdi-firma';
export const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 256 random bits. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signature(secret, timestamp, body)}`;
}
