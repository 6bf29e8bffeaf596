/**
 * The notifications storage port: per-empresa SMTP settings, a tipo's copy recipients,
 * webhook endpoints, events and the durable outbox of deliveries (e-mails and webhook
 * calls) with their attempts. `notificaciones/` talks to this interface only;
 * `storage/sqlite/notificaciones.ts` and `storage/postgres/notificaciones.ts` implement it
 * and are checked by `test/contract/notificaciones.contract.test.ts`.
 *
 * The outbox is deliberately not the pipeline's job queue (see ARCHITECTURE.md): a
 * delivery is retried until a deadline (days), not a number of attempts; it outlives its
 * peticion; and it must never take a pipeline worker's turn.
 *
 * Semantics every adapter keeps:
 * - `publicar` inserts an event and its deliveries in one transaction, once per `clave`:
 *   calling it again (a job redone after a crash) changes nothing;
 * - `claim` hands a due delivery to one worker with a lease; a delivery whose lease
 *   expired is handed out again (at-least-once); at most `perEmpresa` deliveries of one
 *   empresa and channel run at once (approximately, under concurrent claimers);
 * - `finish` records the attempt and the delivery's next state in one transaction, and
 *   only for the worker that holds it.
 * Times of the outbox (`runAt`, `venceAt`, leases) are epoch ms of the database's clock
 * on PostgreSQL (the one every machine shares) unless a clock is injected.
 * Secrets (SMTP password, webhook secrets) arrive sealed; storage never sees them in clear.
 */

export type TlsMode = 'starttls' | 'tls' | 'none';

export interface SmtpSettings {
  empresaId: number;
  host: string;
  port: number;
  tls: TlsMode;
  user?: string;
  passwordSealed?: Buffer;
  fromAddress: string;
  fromName?: string;
  replyTo?: string;
  subjectTemplate?: string;
  bodyTemplate?: string;
  /** Extra CA certificates (PEM) trusted for this server (a relay with a private CA). */
  caPem?: string;
  updatedAt: string;
}

export interface Webhook {
  id: number;
  /** Public id shown to operators (a UUID). */
  publicId: string;
  empresaId: number;
  url: string;
  /** Event types it receives; `*` for all. */
  eventos: string[];
  secretSealed: Buffer;
  createdAt: string;
  /** Set when removed: it receives nothing more; its deliveries stay on record. */
  removedAt?: string;
}

export type NewWebhook = Omit<Webhook, 'id' | 'removedAt'>;

export interface NewEvento {
  publicId: string;
  /** De-duplication key: one event per clave, whoever publishes it how often. */
  clave: string;
  empresaId: number;
  tipo: string;
  peticionId?: number;
  cfdiId?: number;
  /** The JSON body delivered, byte for byte the same on every attempt. */
  payload: string;
  createdAt: string;
}

export interface Evento extends NewEvento {
  id: number;
}

export type Canal = 'correo' | 'webhook';
export type EstadoEntrega = 'pendiente' | 'en_curso' | 'entregada' | 'fallida';

export interface NewEntrega {
  publicId: string;
  canal: Canal;
  empresaId: number;
  cfdiId?: number;
  webhookId?: number;
  /** Set by `publicar` for the deliveries of an event; given for a re-delivery. */
  eventoId?: number;
  /** Where it goes (e-mail addresses or URL), for listings. */
  destino: string;
  /** Channel data (JSON-serializable). */
  datos: unknown;
  /** Retries stop this long after creation. */
  ventanaMs: number;
  createdAt: string;
  /** The delivery this one re-sends. */
  reenvioDe?: number;
  /** A delivery born failed (e.g. no valid recipient) is recorded with its reason and never sent. */
  fallida?: string;
}

export interface Entrega {
  id: number;
  publicId: string;
  canal: Canal;
  empresaId: number;
  cfdiId?: number;
  webhookId?: number;
  eventoId?: number;
  destino: string;
  datos: unknown;
  estado: EstadoEntrega;
  /** Attempts so far (claims, including a running one). */
  intentos: number;
  runAt: number;
  venceAt: number;
  ultimoError?: string;
  /** Last answer of the other side: SMTP reply, or HTTP status and a body prefix. */
  respuesta?: string;
  /** Channel result (e-mail: accepted and rejected recipients). */
  resultado?: unknown;
  createdAt: string;
  entregadaAt?: string;
  reenvioDe?: number;
}

/** A delivery handed to a worker, with the claim's "now" (same clock as runAt/venceAt). */
export interface EntregaReclamada {
  entrega: Entrega;
  now: number;
}

export interface Intento {
  numero: number;
  at: string;
  ok: boolean;
  /** What happened, for operators: SMTP reply, HTTP status and body prefix, or the error. */
  detalle: string;
  duracionMs: number;
}

/** What a finished attempt leads to. */
export type Siguiente =
  | { estado: 'entregada'; respuesta?: string; resultado?: unknown }
  | { estado: 'pendiente'; enMs: number; error: string; respuesta?: string }
  | { estado: 'fallida'; error: string; respuesta?: string; resultado?: unknown };

export interface EntregaFilter {
  empresaId?: number;
  cfdiId?: number;
  canal?: Canal;
  eventoId?: number;
  webhookId?: number;
  limit: number;
}

export interface Suscripciones {
  /** Active webhooks of the empresa. */
  webhooks: Webhook[];
  /** Copy recipients of the tipo de CFD. */
  copias: string[];
}

export interface NotificacionesStore {
  close(): Promise<void>;

  // SMTP settings and copy recipients
  getSmtp(empresaId: number): Promise<SmtpSettings | undefined>;
  saveSmtp(s: SmtpSettings): Promise<void>;
  deleteSmtp(empresaId: number): Promise<boolean>;
  getCopias(tipoId: number): Promise<string[]>;
  setCopias(tipoId: number, direcciones: string[]): Promise<void>;

  // Webhooks
  createWebhook(w: NewWebhook): Promise<Webhook>;
  getWebhook(publicId: string): Promise<Webhook | undefined>;
  getWebhookById(id: number): Promise<Webhook | undefined>;
  /** Active ones unless `all`. */
  listWebhooks(empresaId: number, all?: boolean): Promise<Webhook[]>;
  /** Marks it removed and fails its pending deliveries; false when unknown or removed already. */
  removeWebhook(empresaId: number, publicId: string, at: string): Promise<boolean>;
  /** What a finished peticion must notify: the empresa's webhooks and the tipo's copies, in one call. */
  suscripciones(empresaId: number, tipoId: number): Promise<Suscripciones>;

  // Events and deliveries
  eventoExiste(clave: string): Promise<boolean>;
  /** The event and its deliveries in one transaction; false (and nothing written) when the clave exists. */
  publicar(e: NewEvento, entregas: NewEntrega[]): Promise<boolean>;
  getEvento(publicId: string): Promise<Evento | undefined>;
  getEventoById(id: number): Promise<Evento | undefined>;
  /** A delivery outside an event's first publication (a re-send). */
  crearEntrega(e: NewEntrega): Promise<Entrega>;
  getEntrega(publicId: string): Promise<Entrega | undefined>;
  /** Newest first. */
  listEntregas(f: EntregaFilter): Promise<Entrega[]>;
  listIntentos(entregaId: number): Promise<Intento[]>;
  /** The CFDI with this UUID (any empresa), for the operator's `correos --uuid`. */
  cfdiIdByUuid(uuid: string): Promise<{ cfdiId: number; empresaId: number } | undefined>;

  // The outbox runner
  claim(workerId: string, leaseMs: number, perEmpresa: number): Promise<EntregaReclamada | null>;
  renew(entregaId: number, workerId: string, leaseMs: number): Promise<boolean>;
  /** Records the attempt and the next state; false (nothing written) when the worker no longer holds it. */
  finish(entregaId: number, workerId: string, intento: Omit<Intento, 'numero'>, next: Siguiente): Promise<boolean>;
  /** Gives a held delivery back without counting the attempt (graceful shutdown). */
  release(entregaId: number, workerId: string): Promise<void>;
  /**
   * Resolves when a delivery may be due (true), or after `timeoutMs` (false when a look
   * then finds none due: an idle runner claims nothing), or on abort.
   */
  waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Wakes this process's waiting runners (others notice by polling). */
  notify(): void;
  stats(): Promise<Record<EstadoEntrega, number>>;
}
