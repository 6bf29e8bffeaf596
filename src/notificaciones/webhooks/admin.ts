/**
 * Webhook administration for the CLI: endpoints (the secret shown once, at creation),
 * a signed test call, the record of deliveries and re-delivery by id.
 */
import { randomUUID } from 'node:crypto';
import type { Empresa } from '../../storage/store.ts';
import type { Entrega, Webhook } from '../../storage/notificaciones.ts';
import type { NotificacionesDeps } from '../deps.ts';
import { sealSecret } from '../secretos.ts';
import { TIPOS_EVENTO } from '../eventos.ts';
import { newSecret } from './firma.ts';
import { checkWebhookUrl } from './http.ts';
import { describe, post } from './enviar.ts';
import type { Resolver } from './red.ts';

export function parseEventos(list: string | undefined): string[] {
  const eventos = (list ?? '*').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = eventos.filter((e) => e !== '*' && !(TIPOS_EVENTO as readonly string[]).includes(e));
  if (unknown.length || eventos.length === 0) throw new Error(`unknown event type(s) ${unknown.join(', ')} (known: *, ${TIPOS_EVENTO.join(', ')})`);
  return eventos.includes('*') ? ['*'] : [...new Set(eventos)];
}

/** Registers an endpoint; the returned secret is never shown again. */
export async function addWebhook(d: NotificacionesDeps, empresa: Empresa, url: string, eventos: string | undefined, resolver?: Resolver): Promise<{ webhook: Webhook; secret: string }> {
  const checked = await checkWebhookUrl(url, d.settings.redes, resolver);
  const secret = newSecret();
  const publicId = randomUUID();
  const webhook = await d.notificaciones.createWebhook({
    publicId, empresaId: empresa.id, url: checked.toString(), eventos: parseEventos(eventos),
    secretSealed: sealSecret(d.secrets, { table: 'webhooks', column: 'secret_sealed', publicId }, Buffer.from(secret, 'utf8')),
    createdAt: d.clock().toISOString(),
  });
  return { webhook, secret };
}

export function webhookView(w: Webhook) {
  return { id: w.publicId, url: w.url, eventos: w.eventos, createdAt: w.createdAt, ...(w.removedAt ? { removedAt: w.removedAt } : {}) };
}

async function own(d: NotificacionesDeps, empresa: Empresa, id: string): Promise<Webhook> {
  const w = await d.notificaciones.getWebhook(id);
  if (!w || w.empresaId !== empresa.id) throw new Error(`no webhook ${id} for ${empresa.rfc}`);
  return w;
}

/** Sends a signed `ping` now and reports the answer; nothing is queued or recorded. */
export async function testWebhook(d: NotificacionesDeps, empresa: Empresa, id: string): Promise<{ ok: boolean; detalle: string; ms: number }> {
  const w = await own(d, empresa, id);
  if (w.removedAt) throw new Error(`webhook ${id} was removed`);
  const eventoId = randomUUID();
  const body = JSON.stringify({ idEvento: eventoId, tipoEvento: 'ping', fechaEvento: d.clock().toISOString() });
  const r = await post(d, w, { eventoId, tipo: 'ping', entregaId: randomUUID(), intento: 1, body });
  return { ok: r.status !== undefined && r.status >= 200 && r.status < 300, detalle: describe(r), ms: Math.round(r.ms) };
}

export async function removeWebhook(d: NotificacionesDeps, empresa: Empresa, id: string): Promise<void> {
  if (!(await d.notificaciones.removeWebhook(empresa.id, id, d.clock().toISOString()))) throw new Error(`no active webhook ${id} for ${empresa.rfc}`);
}

/** A delivery's record for operators. */
export async function entregaView(d: NotificacionesDeps, e: Entrega) {
  const evento = e.eventoId === undefined ? undefined : await d.notificaciones.getEventoById(e.eventoId);
  return {
    id: e.publicId, canal: e.canal, evento: evento?.publicId, tipoEvento: evento?.tipo, destino: e.destino, estado: e.estado,
    intentos: e.intentos, creada: e.createdAt, entregada: e.entregadaAt ?? null, ultimoError: e.ultimoError ?? null,
    respuesta: e.respuesta ?? null, proximoIntento: e.estado === 'pendiente' ? new Date(e.runAt).toISOString() : null,
    registro: await d.notificaciones.listIntentos(e.id),
  };
}

export async function listWebhookEntregas(d: NotificacionesDeps, empresa: Empresa, o: { evento?: string; webhook?: string; limit: number }): Promise<Entrega[]> {
  const eventoId = o.evento ? (await eventoOf(d, empresa, o.evento)).id : undefined;
  const webhookId = o.webhook ? (await own(d, empresa, o.webhook)).id : undefined;
  return d.notificaciones.listEntregas({ empresaId: empresa.id, canal: 'webhook', eventoId, webhookId, limit: o.limit });
}

async function eventoOf(d: NotificacionesDeps, empresa: Empresa, id: string) {
  const ev = await d.notificaciones.getEvento(id);
  if (!ev || ev.empresaId !== empresa.id) throw new Error(`no event ${id} for ${empresa.rfc}`);
  return ev;
}

/**
 * Delivers again, with the same event id and body: one delivery (`entrega` id) to its
 * endpoint, or an event (`evento` id) to every active endpoint that was sent it.
 */
export async function redeliver(d: NotificacionesDeps, empresa: Empresa, o: { entrega?: string; evento?: string }): Promise<Entrega[]> {
  let sources: Entrega[];
  if (o.entrega) {
    const e = await d.notificaciones.getEntrega(o.entrega);
    if (!e || e.empresaId !== empresa.id || e.canal !== 'webhook') throw new Error(`no webhook delivery ${o.entrega} for ${empresa.rfc}`);
    sources = [e];
  } else if (o.evento) {
    const ev = await eventoOf(d, empresa, o.evento);
    const all = await d.notificaciones.listEntregas({ eventoId: ev.id, canal: 'webhook', limit: 1_000 });
    sources = [...new Map(all.map((e) => [e.webhookId, e])).values()];
  } else {
    throw new Error('give --entrega or --evento');
  }
  const out: Entrega[] = [];
  for (const s of sources) {
    const w = await d.notificaciones.getWebhookById(s.webhookId!);
    if (!w || w.removedAt) continue;
    out.push(await d.notificaciones.crearEntrega({
      publicId: randomUUID(), canal: 'webhook', empresaId: s.empresaId, cfdiId: s.cfdiId, webhookId: w.id, eventoId: s.eventoId,
      destino: w.url, datos: {}, ventanaMs: d.settings.ventanaMs, createdAt: d.clock().toISOString(), reenvioDe: s.id,
    }));
  }
  if (out.length === 0) throw new Error('nothing to re-deliver: its endpoints were removed');
  return out;
}
