/**
 * The webhook channel of the outbox: the event's stored body, signed anew on every
 * attempt (fresh timestamp), POSTed to the endpoint. 2xx is delivered; any other status,
 * a timeout or a lost connection is retried; a destination the network policy refuses is
 * final (retrying cannot make it allowed).
 */
import type { Entrega, Webhook } from '../../storage/notificaciones.ts';
import type { NotificacionesDeps } from '../deps.ts';
import type { Resultado } from '../entregas/politica.ts';
import { openSecret } from '../secretos.ts';
import { signatureHeader } from './firma.ts';
import { postJson, type PostResult } from './http.ts';

export const USER_AGENT = 'cfdi-async-webhooks/1';

export interface Envio {
  eventoId: string;
  tipo: string;
  entregaId: string;
  intento: number;
  body: string;
}

export async function post(d: NotificacionesDeps, w: Webhook, envio: Envio): Promise<PostResult> {
  const secret = openSecret(d.secrets, { table: 'webhooks', column: 'secret_sealed', publicId: w.publicId }, w.secretSealed).toString('utf8');
  const timestamp = Math.floor(d.clock().getTime() / 1000);
  return postJson(w.url, envio.body, {
    'user-agent': USER_AGENT,
    'x-cfdi-evento': envio.eventoId,
    'x-cfdi-tipo-evento': envio.tipo,
    'x-cfdi-entrega': envio.entregaId,
    'x-cfdi-intento': String(envio.intento),
    'x-cfdi-firma': signatureHeader(secret, timestamp, envio.body),
  }, { timeoutMs: d.settings.webhookTimeoutMs, policy: d.settings.redes });
}

/** For the attempts record: `HTTP 503: <body prefix>` or the error. */
export function describe(r: PostResult): string {
  if (r.status === undefined) return r.error ?? 'sin respuesta';
  const prefix = r.bodyPrefix.replace(/\s+/g, ' ').trim();
  return `HTTP ${r.status}${prefix ? `: ${prefix}` : ''}`;
}

export async function enviarWebhook(d: NotificacionesDeps, e: Entrega): Promise<Resultado> {
  const [w, ev] = await Promise.all([d.notificaciones.getWebhookById(e.webhookId!), d.notificaciones.getEventoById(e.eventoId!)]);
  if (!w || w.removedAt) return { ok: false, retryable: false, detalle: 'webhook eliminado' };
  if (!ev) return { ok: false, retryable: false, detalle: `el evento ${e.eventoId} no existe` };
  const r = await post(d, w, { eventoId: ev.publicId, tipo: ev.tipo, entregaId: e.publicId, intento: e.intentos, body: ev.payload });
  const detalle = describe(r);
  const ok = r.status !== undefined && r.status >= 200 && r.status < 300;
  return { ok, retryable: !ok && !r.refused, detalle, respuesta: r.status === undefined ? undefined : detalle };
}
