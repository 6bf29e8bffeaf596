/**
 * The notifications store on PostgreSQL (see `storage/notificaciones.ts`), for runners in
 * several processes on several machines. Claims take one due delivery with
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers never wait for each other nor get the
 * same delivery; outbox times come from the database's clock unless a clock is injected.
 * Idle runners probe every `pollMs` (deliveries are not latency-critical; no LISTEN).
 */
import type pg from 'pg';
import type {
  Entrega, EntregaFilter, EntregaReclamada, EstadoEntrega, Evento, Intento, NewEntrega, NewEvento, NewWebhook,
  NotificacionesStore, Siguiente, SmtpSettings, Suscripciones, Webhook,
} from '../notificaciones.ts';
import {
  emptyStats, siguienteValues, suscripcionesSql, toEntrega, toEvento, toIntento, toSmtp, toSuscripciones, toWebhook,
} from '../notificaciones-rows.ts';
import { isoInstant } from '../values.ts';
import { WorkSignal } from '../../queue/wake.ts';
import { nowMs, openPool, withTransaction, type PostgresOptions } from './connection.ts';

export interface PostgresNotificacionesOptions extends PostgresOptions {
  clock?: () => Date;
  pollMs?: number;
}

export function openPostgresNotificaciones(o: PostgresNotificacionesOptions): NotificacionesStore {
  return new PostgresNotificaciones(o);
}

type Row = Record<string, any>;

const SUSCRIPCIONES_SQL = suscripcionesSql('$1', '$2');

class PostgresNotificaciones implements NotificacionesStore {
  private readonly pool: pg.Pool;
  private readonly clock?: () => Date;
  private readonly pollMs: number;
  private readonly signal = new WorkSignal();

  constructor(o: PostgresNotificacionesOptions) {
    this.pool = openPool({ ...o, poolSize: o.poolSize ?? 3 }, 'cfdi-async notificaciones');
    this.clock = o.clock;
    this.pollMs = o.pollMs ?? 1_000;
  }

  private nowParam(): number | null {
    return this.clock ? this.clock().getTime() : null;
  }

  private async one(sql: string, params: unknown[] = [], c: pg.Pool | pg.PoolClient = this.pool): Promise<Row | undefined> {
    return (await c.query(sql, params)).rows[0];
  }

  private async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows;
  }

  async close(): Promise<void> {
    this.signal.close();
    await this.pool.end();
  }

  // ── SMTP ──────────────────────────────────────────────────────────────────

  async getSmtp(empresaId: number): Promise<SmtpSettings | undefined> {
    return toSmtp(await this.one('SELECT * FROM smtp_empresas WHERE empresa_id = $1', [empresaId]));
  }

  async saveSmtp(s: SmtpSettings): Promise<void> {
    await this.pool.query(`INSERT INTO smtp_empresas (empresa_id, host, port, tls, usuario, password_sealed, from_address, from_name,
        reply_to, subject_template, body_template, ca_pem, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (empresa_id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls, usuario = excluded.usuario,
        password_sealed = excluded.password_sealed, from_address = excluded.from_address, from_name = excluded.from_name,
        reply_to = excluded.reply_to, subject_template = excluded.subject_template, body_template = excluded.body_template,
        ca_pem = excluded.ca_pem, updated_at = excluded.updated_at`,
    [s.empresaId, s.host, s.port, s.tls, s.user ?? null, s.passwordSealed ?? null, s.fromAddress, s.fromName ?? null,
      s.replyTo ?? null, s.subjectTemplate ?? null, s.bodyTemplate ?? null, s.caPem ?? null, isoInstant(s.updatedAt)]);
  }

  async deleteSmtp(empresaId: number): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM smtp_empresas WHERE empresa_id = $1', [empresaId])).rowCount ?? 0) > 0;
  }

  async getCopias(tipoId: number): Promise<string[]> {
    return (await this.one('SELECT direcciones FROM correo_copias WHERE tipo_id = $1', [tipoId]))?.direcciones ?? [];
  }

  async setCopias(tipoId: number, direcciones: string[]): Promise<void> {
    if (direcciones.length) {
      await this.pool.query(`INSERT INTO correo_copias (tipo_id, direcciones) VALUES ($1, $2)
        ON CONFLICT (tipo_id) DO UPDATE SET direcciones = excluded.direcciones`, [tipoId, JSON.stringify(direcciones)]);
    } else {
      await this.pool.query('DELETE FROM correo_copias WHERE tipo_id = $1', [tipoId]);
    }
  }

  // ── Webhooks ──────────────────────────────────────────────────────────────

  async createWebhook(w: NewWebhook): Promise<Webhook> {
    return toWebhook(await this.one(`INSERT INTO webhooks (public_id, empresa_id, url, eventos, secret_sealed, created_at)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [w.publicId, w.empresaId, w.url, JSON.stringify(w.eventos), w.secretSealed, isoInstant(w.createdAt)]))!;
  }

  async getWebhook(publicId: string): Promise<Webhook | undefined> {
    return toWebhook(await this.one('SELECT * FROM webhooks WHERE public_id = $1', [publicId]));
  }

  async getWebhookById(id: number): Promise<Webhook | undefined> {
    return toWebhook(await this.one('SELECT * FROM webhooks WHERE id = $1', [id]));
  }

  async listWebhooks(empresaId: number, all = false): Promise<Webhook[]> {
    const rows = await this.all(`SELECT * FROM webhooks WHERE empresa_id = $1 ${all ? '' : 'AND removed_at IS NULL'} ORDER BY id`, [empresaId]);
    return rows.map((r) => toWebhook(r)!);
  }

  async removeWebhook(empresaId: number, publicId: string, at: string): Promise<boolean> {
    return withTransaction(this.pool, async (c) => {
      const w = await this.one(`UPDATE webhooks SET removed_at = $3 WHERE empresa_id = $1 AND public_id = $2 AND removed_at IS NULL RETURNING id`,
        [empresaId, publicId, isoInstant(at)], c);
      if (!w) return false;
      await c.query(`UPDATE entregas SET estado = 'fallida', ultimo_error = 'webhook eliminado', lease_until = NULL, worker_id = NULL
        WHERE webhook_id = $1 AND estado = 'pendiente'`, [w.id]);
      return true;
    });
  }

  async suscripciones(empresaId: number, tipoId: number): Promise<Suscripciones> {
    return toSuscripciones(await this.all(SUSCRIPCIONES_SQL, [empresaId, tipoId]));
  }

  // ── Events and deliveries ─────────────────────────────────────────────────

  async eventoExiste(clave: string): Promise<boolean> {
    return (await this.one('SELECT 1 AS x FROM eventos WHERE clave = $1', [clave])) !== undefined;
  }

  async publicar(e: NewEvento, entregas: NewEntrega[]): Promise<boolean> {
    const created = await withTransaction(this.pool, async (c) => {
      const r = await this.one(`INSERT INTO eventos (public_id, clave, empresa_id, tipo, peticion_id, cfdi_id, payload, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (clave) DO NOTHING RETURNING id`,
      [e.publicId, e.clave, e.empresaId, e.tipo, e.peticionId ?? null, e.cfdiId ?? null, e.payload, isoInstant(e.createdAt)], c);
      if (!r) return false;
      for (const x of entregas) await this.insertEntrega({ ...x, eventoId: r.id }, c);
      return true;
    });
    if (created && entregas.length) this.notify();
    return created;
  }

  private async insertEntrega(x: NewEntrega, c: pg.Pool | pg.PoolClient = this.pool): Promise<Row> {
    return (await this.one(`INSERT INTO entregas (public_id, canal, empresa_id, cfdi_id, evento_id, webhook_id, destino, datos, estado,
        run_at, vence_at, ultimo_error, created_at, reenvio_de)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, n.now, n.now + $10::bigint, $11, $12, $13 FROM (SELECT ${nowMs('$14')} AS now) n
      RETURNING *`,
    [x.publicId, x.canal, x.empresaId, x.cfdiId ?? null, x.eventoId ?? null, x.webhookId ?? null, x.destino, JSON.stringify(x.datos),
      x.fallida === undefined ? 'pendiente' : 'fallida', x.ventanaMs, x.fallida ?? null, isoInstant(x.createdAt), x.reenvioDe ?? null,
      this.nowParam()], c))!;
  }

  async getEvento(publicId: string): Promise<Evento | undefined> {
    return toEvento(await this.one('SELECT * FROM eventos WHERE public_id = $1', [publicId]));
  }

  async getEventoById(id: number): Promise<Evento | undefined> {
    return toEvento(await this.one('SELECT * FROM eventos WHERE id = $1', [id]));
  }

  async crearEntrega(e: NewEntrega): Promise<Entrega> {
    const r = await this.insertEntrega(e);
    this.notify();
    return toEntrega(r)!;
  }

  async getEntrega(publicId: string): Promise<Entrega | undefined> {
    return toEntrega(await this.one('SELECT * FROM entregas WHERE public_id = $1', [publicId]));
  }

  async listEntregas(f: EntregaFilter): Promise<Entrega[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (col: string, v: unknown) => {
      if (v === undefined) return;
      args.push(v);
      where.push(`${col} = $${args.length}`);
    };
    add('empresa_id', f.empresaId);
    add('cfdi_id', f.cfdiId);
    add('canal', f.canal);
    add('evento_id', f.eventoId);
    add('webhook_id', f.webhookId);
    args.push(Math.max(0, Math.trunc(f.limit)));
    const rows = await this.all(`SELECT * FROM entregas ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${args.length}`, args);
    return rows.map((r) => toEntrega(r)!);
  }

  async listIntentos(entregaId: number): Promise<Intento[]> {
    return (await this.all('SELECT * FROM entrega_intentos WHERE entrega_id = $1 ORDER BY id', [entregaId])).map(toIntento);
  }

  async cfdiIdByUuid(uuid: string): Promise<{ cfdiId: number; empresaId: number } | undefined> {
    const r = await this.one('SELECT id, empresa_id FROM cfdis WHERE uuid = $1', [uuid.toUpperCase()]);
    return r && { cfdiId: r.id, empresaId: r.empresa_id };
  }

  // ── Runner ────────────────────────────────────────────────────────────────

  async claim(workerId: string, leaseMs: number, perEmpresa: number): Promise<EntregaReclamada | null> {
    // An expired lease first (its worker died), else the oldest due delivery of a lane
    // (empresa, channel) below its cap. The cap is read without locks: concurrent claimers
    // may exceed it by a few, which only bounds how much one empresa can hold, not correctness.
    const candidates = [
      `SELECT e.id FROM entregas e WHERE e.estado = 'en_curso' AND e.lease_until < $1 ORDER BY e.lease_until, e.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      `SELECT e.id FROM entregas e WHERE e.estado = 'pendiente' AND e.run_at <= $1
         AND (SELECT count(*) FROM entregas x WHERE x.empresa_id = e.empresa_id AND x.canal = e.canal
              AND x.estado = 'en_curso' AND x.lease_until >= $1) < $4
         ORDER BY e.run_at, e.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    ];
    const now = Number((await this.one(`SELECT ${nowMs('$1')} AS now`, [this.nowParam()]))!.now);
    for (const [i, pick] of candidates.entries()) {
      const r = await this.one(`UPDATE entregas SET estado = 'en_curso', intentos = intentos + 1, lease_until = $1::bigint + $2::bigint, worker_id = $3
        WHERE id = (${pick}) RETURNING *`, i === 0 ? [now, leaseMs, workerId] : [now, leaseMs, workerId, perEmpresa]);
      if (r) return { entrega: toEntrega(r)!, now };
    }
    return null;
  }

  async renew(entregaId: number, workerId: string, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE entregas SET lease_until = ${nowMs('$4')} + $3 WHERE id = $1 AND worker_id = $2 AND estado = 'en_curso'`,
      [entregaId, workerId, leaseMs, this.nowParam()]);
    return (r.rowCount ?? 0) > 0;
  }

  async finish(entregaId: number, workerId: string, intento: Omit<Intento, 'numero'>, next: Siguiente): Promise<boolean> {
    const v = siguienteValues(next);
    return withTransaction(this.pool, async (c) => {
      const held = await this.one(`SELECT intentos FROM entregas WHERE id = $1 AND worker_id = $2 AND estado = 'en_curso' FOR UPDATE`,
        [entregaId, workerId], c);
      if (!held) return false;
      await c.query(`UPDATE entregas SET estado = $2, run_at = coalesce(${nowMs('$8')} + $3::bigint, run_at), lease_until = NULL, worker_id = NULL,
          ultimo_error = $4, respuesta = coalesce($5, respuesta), resultado = coalesce($6::jsonb, resultado),
          entregada_at = CASE WHEN $2 = 'entregada' THEN $7::timestamptz ELSE entregada_at END WHERE id = $1`,
      [entregaId, v.estado, v.enMs, v.error, v.respuesta, v.resultado, isoInstant(intento.at), this.nowParam()]);
      await c.query('INSERT INTO entrega_intentos (entrega_id, numero, at, ok, detalle, duracion_ms) VALUES ($1, $2, $3, $4, $5, $6)',
        [entregaId, held.intentos, isoInstant(intento.at), intento.ok, intento.detalle, Math.max(0, Math.round(intento.duracionMs))]);
      return true;
    });
  }

  async release(entregaId: number, workerId: string): Promise<void> {
    const r = await this.pool.query(`UPDATE entregas SET estado = 'pendiente', intentos = greatest(intentos - 1, 0), lease_until = NULL,
        worker_id = NULL WHERE id = $1 AND worker_id = $2 AND estado = 'en_curso'`, [entregaId, workerId]);
    if ((r.rowCount ?? 0) > 0) this.notify();
  }

  async waitForWork(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const due = async () => {
      const r = await this.one(`SELECT EXISTS (SELECT 1 FROM entregas WHERE estado = 'pendiente' AND run_at <= ${nowMs('$1')})
        OR EXISTS (SELECT 1 FROM entregas WHERE estado = 'en_curso' AND lease_until < ${nowMs('$1')}) AS due`, [this.nowParam()]);
      return r?.due === true;
    };
    // At the timeout, one look (one round trip) decides whether the runner's loops claim at
    // all: an idle claim costs three, and every loop made one after each wait.
    if (await this.signal.wait(timeoutMs, this.pollMs, due, signal)) return true;
    return !signal?.aborted && (await due().catch(() => true));
  }

  notify(): void {
    this.signal.wake();
  }

  async stats(): Promise<Record<EstadoEntrega, number>> {
    const s = emptyStats();
    for (const r of await this.all('SELECT estado, count(*)::integer AS n FROM entregas GROUP BY estado')) s[r.estado as EstadoEntrega] = r.n;
    return s;
  }
}
