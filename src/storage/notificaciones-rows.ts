/**
 * Rows of the notifications tables → port objects, shared by both adapters (the column
 * names match; SQLite returns JSON as text, instants as text and booleans as 0/1, pg
 * parsed jsonb, Date and boolean).
 */
import type { Entrega, EstadoEntrega, Evento, Intento, Siguiente, SmtpSettings, Suscripciones, Webhook } from './notificaciones.ts';
import { compact } from './values.ts';
import { instant, json } from './rows.ts';

type Row = Record<string, any>;

export function toSmtp(r: Row | undefined): SmtpSettings | undefined {
  return r && compact<SmtpSettings>({
    empresaId: r.empresa_id, host: r.host, port: r.port, tls: r.tls, user: r.usuario, passwordSealed: r.password_sealed,
    fromAddress: r.from_address, fromName: r.from_name, replyTo: r.reply_to, subjectTemplate: r.subject_template,
    bodyTemplate: r.body_template, caPem: r.ca_pem, updatedAt: instant(r.updated_at),
  });
}

export function toWebhook(r: Row | undefined): Webhook | undefined {
  return r && compact<Webhook>({
    id: r.id, publicId: r.public_id, empresaId: r.empresa_id, url: r.url, eventos: json<string[]>(r.eventos),
    secretSealed: r.secret_sealed, createdAt: instant(r.created_at), removedAt: instant(r.removed_at),
  });
}

/**
 * Whether anyone was subscribed to a peticion's end when it was accepted: an active
 * webhook of its empresa or e-mail copies of its tipo. Written with the peticion (column
 * `suscripciones`), so that the notifier need not ask for every ended peticion (issue 17):
 * subscriptions apply to the requests accepted after they are registered.
 */
export function haySuscripcionesSql(empresa: string, tipo: string): string {
  return `(EXISTS (SELECT 1 FROM webhooks w WHERE w.empresa_id = ${empresa} AND w.removed_at IS NULL)
    OR EXISTS (SELECT 1 FROM correo_copias c WHERE c.tipo_id = ${tipo}))`;
}

/**
 * `suscripciones` in one statement (one round trip on PostgreSQL; the notifier asks it for
 * every ended peticion): a row per active webhook of the empresa, or one row of NULLs
 * when it has none, each carrying the tipo's copies.
 */
export function suscripcionesSql(empresaParam: string, tipoParam: string): string {
  return `SELECT w.*, (SELECT direcciones FROM correo_copias WHERE tipo_id = ${tipoParam}) AS copias_tipo
    FROM (SELECT 1 AS uno) s LEFT JOIN webhooks w ON w.empresa_id = ${empresaParam} AND w.removed_at IS NULL
    ORDER BY w.id`;
}

export function toSuscripciones(rows: Row[]): Suscripciones {
  return {
    webhooks: rows.filter((r) => r.id != null).map((r) => toWebhook(r)!),
    copias: json<string[]>(rows[0]?.copias_tipo) ?? [],
  };
}

export function toEvento(r: Row | undefined): Evento | undefined {
  return r && compact<Evento>({
    id: r.id, publicId: r.public_id, clave: r.clave, empresaId: r.empresa_id, tipo: r.tipo, peticionId: r.peticion_id,
    cfdiId: r.cfdi_id, payload: r.payload, createdAt: instant(r.created_at),
  });
}

export function toEntrega(r: Row | undefined): Entrega | undefined {
  return r && compact<Entrega>({
    id: r.id, publicId: r.public_id, canal: r.canal, empresaId: r.empresa_id, cfdiId: r.cfdi_id, webhookId: r.webhook_id,
    eventoId: r.evento_id, destino: r.destino, datos: json(r.datos), estado: r.estado as EstadoEntrega, intentos: r.intentos,
    runAt: Number(r.run_at), venceAt: Number(r.vence_at), ultimoError: r.ultimo_error, respuesta: r.respuesta,
    resultado: json(r.resultado), createdAt: instant(r.created_at), entregadaAt: instant(r.entregada_at), reenvioDe: r.reenvio_de,
  });
}

export function toIntento(r: Row): Intento {
  return { numero: r.numero, at: instant(r.at)!, ok: Boolean(r.ok), detalle: r.detalle, duracionMs: r.duracion_ms };
}

export function emptyStats(): Record<EstadoEntrega, number> {
  return { pendiente: 0, en_curso: 0, entregada: 0, fallida: 0 };
}

/** Column values of an attempt's outcome, the same on both backends. */
export function siguienteValues(next: Siguiente): {
  estado: EstadoEntrega; error: string | null; respuesta: string | null; resultado: string | null; enMs: number | null;
} {
  return {
    estado: next.estado,
    error: next.estado === 'entregada' ? null : next.error,
    respuesta: next.respuesta ?? null,
    resultado: next.estado !== 'pendiente' && next.resultado !== undefined ? JSON.stringify(next.resultado) : null,
    enMs: next.estado === 'pendiente' ? Math.max(0, Math.round(next.enMs)) : null,
  };
}
