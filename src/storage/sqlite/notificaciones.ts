/**
 * The notifications store on SQLite (see `storage/notificaciones.ts`). Its own
 * connection, the process's write mutex like the other adapters, IMMEDIATE transactions
 * for every read-then-write (claims, attempts, publication). Runners of other threads
 * of this process are woken through a BroadcastChannel named after the file; other
 * processes notice new deliveries by polling.
 */
import type Database from 'better-sqlite3';
import { BroadcastChannel } from 'node:worker_threads';
import type {
  Entrega, EntregaFilter, EntregaReclamada, EstadoEntrega, Evento, Intento, NewEntrega, NewEvento, NewWebhook,
  NotificacionesStore, Siguiente, SmtpSettings, Suscripciones, Webhook,
} from '../notificaciones.ts';
import {
  emptyStats, siguienteValues, suscripcionesSql, toEntrega, toEvento, toIntento, toSmtp, toSuscripciones, toWebhook,
} from '../notificaciones-rows.ts';
import { isoInstant } from '../values.ts';
import { WorkSignal } from '../../queue/wake.ts';
import { openDatabase, statementCache, wakeChannelName, type SqliteOptions } from './connection.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

export interface SqliteNotificacionesOptions extends SqliteOptions {
  file: string;
  busyTimeoutMs?: number;
  writeLock?: SharedArrayBuffer;
  /** Outbox times; tests pass a controllable clock. */
  clock?: () => Date;
  /** Idle probe interval of waitForWork. */
  pollMs?: number;
}

export function openSqliteNotificaciones(o: SqliteNotificacionesOptions): NotificacionesStore {
  return new SqliteNotificaciones(o);
}

type Row = Record<string, any>;

const SUSCRIPCIONES_SQL = suscripcionesSql('@empresa', '@tipo');

class SqliteNotificaciones implements NotificacionesStore {
  private readonly db: Database.Database;
  private readonly lock?: Int32Array;
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly signal = new WorkSignal();
  private readonly channelName: string;
  private channel?: BroadcastChannel;

  constructor(o: SqliteNotificacionesOptions) {
    this.db = openDatabase(o);
    this.q = statementCache(this.db);
    this.lock = writeLockView(o.writeLock);
    const clock = o.clock;
    this.now = clock ? () => clock().getTime() : Date.now;
    this.pollMs = o.pollMs ?? 250;
    this.channelName = `${wakeChannelName(o.file)}:entregas`;
  }

  private readonly q: (sql: string) => Database.Statement;

  private write<T>(fn: () => T): T {
    return withWriteLock(this.lock, fn);
  }

  private tx<T>(fn: () => T): T {
    return this.write(() => this.db.transaction(fn).immediate());
  }

  async close(): Promise<void> {
    this.signal.close();
    this.channel?.close();
    this.channel = undefined;
    if (this.db.open) this.db.close();
  }

  // ── SMTP ──────────────────────────────────────────────────────────────────

  async getSmtp(empresaId: number): Promise<SmtpSettings | undefined> {
    return toSmtp(this.q('SELECT * FROM smtp_empresas WHERE empresa_id = ?').get(empresaId) as Row | undefined);
  }

  async saveSmtp(s: SmtpSettings): Promise<void> {
    this.write(() => this.q(`INSERT INTO smtp_empresas (empresa_id, host, port, tls, usuario, password_sealed, from_address, from_name,
        reply_to, subject_template, body_template, ca_pem, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (empresa_id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls, usuario = excluded.usuario,
        password_sealed = excluded.password_sealed, from_address = excluded.from_address, from_name = excluded.from_name,
        reply_to = excluded.reply_to, subject_template = excluded.subject_template, body_template = excluded.body_template,
        ca_pem = excluded.ca_pem, updated_at = excluded.updated_at`)
      .run(s.empresaId, s.host, s.port, s.tls, s.user ?? null, s.passwordSealed ?? null, s.fromAddress, s.fromName ?? null,
        s.replyTo ?? null, s.subjectTemplate ?? null, s.bodyTemplate ?? null, s.caPem ?? null, isoInstant(s.updatedAt)));
  }

  async deleteSmtp(empresaId: number): Promise<boolean> {
    return this.write(() => this.q('DELETE FROM smtp_empresas WHERE empresa_id = ?').run(empresaId)).changes > 0;
  }

  async getCopias(tipoId: number): Promise<string[]> {
    const r = this.q('SELECT direcciones FROM correo_copias WHERE tipo_id = ?').get(tipoId) as Row | undefined;
    return r ? JSON.parse(r.direcciones) : [];
  }

  async setCopias(tipoId: number, direcciones: string[]): Promise<void> {
    this.write(() => direcciones.length
      ? this.q(`INSERT INTO correo_copias (tipo_id, direcciones) VALUES (?, ?)
          ON CONFLICT (tipo_id) DO UPDATE SET direcciones = excluded.direcciones`).run(tipoId, JSON.stringify(direcciones))
      : this.q('DELETE FROM correo_copias WHERE tipo_id = ?').run(tipoId));
  }

  // ── Webhooks ──────────────────────────────────────────────────────────────

  async createWebhook(w: NewWebhook): Promise<Webhook> {
    const r = this.write(() => this.q(`INSERT INTO webhooks (public_id, empresa_id, url, eventos, secret_sealed, created_at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(w.publicId, w.empresaId, w.url, JSON.stringify(w.eventos), w.secretSealed, isoInstant(w.createdAt))) as Row;
    return toWebhook(r)!;
  }

  async getWebhook(publicId: string): Promise<Webhook | undefined> {
    return toWebhook(this.q('SELECT * FROM webhooks WHERE public_id = ?').get(publicId) as Row | undefined);
  }

  async getWebhookById(id: number): Promise<Webhook | undefined> {
    return toWebhook(this.q('SELECT * FROM webhooks WHERE id = ?').get(id) as Row | undefined);
  }

  async listWebhooks(empresaId: number, all = false): Promise<Webhook[]> {
    const sql = all ? 'SELECT * FROM webhooks WHERE empresa_id = ? ORDER BY id' : 'SELECT * FROM webhooks WHERE empresa_id = ? AND removed_at IS NULL ORDER BY id';
    return (this.q(sql).all(empresaId) as Row[]).map((r) => toWebhook(r)!);
  }

  async removeWebhook(empresaId: number, publicId: string, at: string): Promise<boolean> {
    return this.tx(() => {
      const w = this.q('SELECT id FROM webhooks WHERE empresa_id = ? AND public_id = ? AND removed_at IS NULL').get(empresaId, publicId) as Row | undefined;
      if (!w) return false;
      this.q('UPDATE webhooks SET removed_at = ? WHERE id = ?').run(isoInstant(at), w.id);
      this.q(`UPDATE entregas SET estado = 'fallida', ultimo_error = 'webhook eliminado', lease_until = NULL, worker_id = NULL
        WHERE webhook_id = ? AND estado = 'pendiente'`).run(w.id);
      return true;
    });
  }

  async suscripciones(empresaId: number, tipoId: number): Promise<Suscripciones> {
    return toSuscripciones(this.q(SUSCRIPCIONES_SQL).all({ empresa: empresaId, tipo: tipoId }) as Row[]);
  }

  // ── Events and deliveries ─────────────────────────────────────────────────

  async eventoExiste(clave: string): Promise<boolean> {
    return this.q('SELECT 1 FROM eventos WHERE clave = ?').get(clave) !== undefined;
  }

  async publicar(e: NewEvento, entregas: NewEntrega[]): Promise<boolean> {
    const created = this.tx(() => {
      const r = this.q(`INSERT INTO eventos (public_id, clave, empresa_id, tipo, peticion_id, cfdi_id, payload, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (clave) DO NOTHING RETURNING id`)
        .get(e.publicId, e.clave, e.empresaId, e.tipo, e.peticionId ?? null, e.cfdiId ?? null, e.payload, isoInstant(e.createdAt)) as Row | undefined;
      if (!r) return false;
      for (const x of entregas) this.insertEntrega({ ...x, eventoId: r.id });
      return true;
    });
    if (created && entregas.length) this.notify();
    return created;
  }

  private insertEntrega(x: NewEntrega): Row {
    const now = this.now();
    return this.q(`INSERT INTO entregas (public_id, canal, empresa_id, cfdi_id, evento_id, webhook_id, destino, datos, estado, run_at,
        vence_at, ultimo_error, created_at, reenvio_de) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(x.publicId, x.canal, x.empresaId, x.cfdiId ?? null, x.eventoId ?? null, x.webhookId ?? null, x.destino, JSON.stringify(x.datos),
        x.fallida === undefined ? 'pendiente' : 'fallida', now, now + x.ventanaMs, x.fallida ?? null, isoInstant(x.createdAt),
        x.reenvioDe ?? null) as Row;
  }

  async getEvento(publicId: string): Promise<Evento | undefined> {
    return toEvento(this.q('SELECT * FROM eventos WHERE public_id = ?').get(publicId) as Row | undefined);
  }

  async getEventoById(id: number): Promise<Evento | undefined> {
    return toEvento(this.q('SELECT * FROM eventos WHERE id = ?').get(id) as Row | undefined);
  }

  async crearEntrega(e: NewEntrega): Promise<Entrega> {
    const r = this.write(() => this.insertEntrega(e));
    this.notify();
    return toEntrega(r)!;
  }

  async getEntrega(publicId: string): Promise<Entrega | undefined> {
    return toEntrega(this.q('SELECT * FROM entregas WHERE public_id = ?').get(publicId) as Row | undefined);
  }

  async listEntregas(f: EntregaFilter): Promise<Entrega[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (col: string, v: unknown) => {
      if (v === undefined) return;
      where.push(`${col} = ?`);
      args.push(v);
    };
    add('empresa_id', f.empresaId);
    add('cfdi_id', f.cfdiId);
    add('canal', f.canal);
    add('evento_id', f.eventoId);
    add('webhook_id', f.webhookId);
    const sql = `SELECT * FROM entregas ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.max(0, Math.trunc(f.limit))) as Row[]).map((r) => toEntrega(r)!);
  }

  async listIntentos(entregaId: number): Promise<Intento[]> {
    return (this.q('SELECT * FROM entrega_intentos WHERE entrega_id = ? ORDER BY id').all(entregaId) as Row[]).map(toIntento);
  }

  async cfdiIdByUuid(uuid: string): Promise<{ cfdiId: number; empresaId: number } | undefined> {
    const r = this.q('SELECT id, empresa_id FROM cfdis WHERE uuid = ?').get(uuid.toUpperCase()) as Row | undefined;
    return r && { cfdiId: r.id, empresaId: r.empresa_id };
  }

  // ── Runner ────────────────────────────────────────────────────────────────

  async claim(workerId: string, leaseMs: number, perEmpresa: number): Promise<EntregaReclamada | null> {
    return this.tx(() => {
      const now = this.now();
      // A delivery whose worker died goes first: it was due before anything merely pending.
      const busy = `NOT EXISTS (SELECT 1 FROM entregas x WHERE x.empresa_id = e.empresa_id AND x.canal = e.canal
          AND x.estado = 'en_curso' AND x.lease_until >= @now GROUP BY x.empresa_id HAVING count(*) >= @cap)`;
      const id = (this.q(`SELECT id FROM entregas e WHERE estado = 'en_curso' AND lease_until < @now ORDER BY lease_until, id LIMIT 1`)
        .pluck().get({ now }) ?? this.q(`SELECT id FROM entregas e WHERE estado = 'pendiente' AND run_at <= @now AND ${busy}
          ORDER BY run_at, id LIMIT 1`).pluck().get({ now, cap: perEmpresa })) as number | undefined;
      if (id === undefined) return null;
      const r = this.q(`UPDATE entregas SET estado = 'en_curso', intentos = intentos + 1, lease_until = ?, worker_id = ?
          WHERE id = ? RETURNING *`).get(now + leaseMs, workerId, id) as Row;
      return { entrega: toEntrega(r)!, now };
    });
  }

  async renew(entregaId: number, workerId: string, leaseMs: number): Promise<boolean> {
    return this.write(() => this.q(`UPDATE entregas SET lease_until = ? WHERE id = ? AND worker_id = ? AND estado = 'en_curso'`)
      .run(this.now() + leaseMs, entregaId, workerId)).changes > 0;
  }

  async finish(entregaId: number, workerId: string, intento: Omit<Intento, 'numero'>, next: Siguiente): Promise<boolean> {
    const v = siguienteValues(next);
    return this.tx(() => {
      const held = this.q(`SELECT intentos FROM entregas WHERE id = ? AND worker_id = ? AND estado = 'en_curso'`).get(entregaId, workerId) as Row | undefined;
      if (!held) return false;
      const now = this.now();
      this.q(`UPDATE entregas SET estado = ?, run_at = coalesce(?, run_at), lease_until = NULL, worker_id = NULL,
          ultimo_error = ?, respuesta = coalesce(?, respuesta), resultado = coalesce(?, resultado),
          entregada_at = CASE WHEN ? = 'entregada' THEN ? ELSE entregada_at END WHERE id = ?`)
        .run(v.estado, v.enMs === null ? null : now + v.enMs, v.error, v.respuesta, v.resultado, v.estado, isoInstant(intento.at), entregaId);
      this.q('INSERT INTO entrega_intentos (entrega_id, numero, at, ok, detalle, duracion_ms) VALUES (?, ?, ?, ?, ?, ?)')
        .run(entregaId, held.intentos, isoInstant(intento.at), intento.ok ? 1 : 0, intento.detalle, Math.max(0, Math.round(intento.duracionMs)));
      return true;
    });
  }

  async release(entregaId: number, workerId: string): Promise<void> {
    const r = this.write(() => this.q(`UPDATE entregas SET estado = 'pendiente', intentos = max(intentos - 1, 0), lease_until = NULL,
        worker_id = NULL WHERE id = ? AND worker_id = ? AND estado = 'en_curso'`).run(entregaId, workerId));
    if (r.changes > 0) this.notify();
  }

  async waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.listen();
    const probe = this.q(`SELECT EXISTS (SELECT 1 FROM entregas WHERE estado = 'pendiente' AND run_at <= @now)
      OR EXISTS (SELECT 1 FROM entregas WHERE estado = 'en_curso' AND lease_until < @now)`).pluck();
    const due = () => this.db.open && probe.get({ now: this.now() }) === 1;
    // At the timeout, one look decides whether the runner's loops claim at all.
    return (await this.signal.wait(timeoutMs, this.pollMs, due, signal)) || (!signal?.aborted && due());
  }

  notify(): void {
    this.signal.wake();
    this.listen();
    this.channel?.postMessage('entrega');
  }

  async stats(): Promise<Record<EstadoEntrega, number>> {
    const s = emptyStats();
    for (const r of this.q('SELECT estado, count(*) AS n FROM entregas GROUP BY estado').all() as Row[]) s[r.estado as EstadoEntrega] = r.n;
    return s;
  }

  private listen(): void {
    if (this.channel || !this.db.open) return;
    this.channel = new BroadcastChannel(this.channelName);
    this.channel.onmessage = () => this.signal.wake();
    this.channel.unref();
  }
}
