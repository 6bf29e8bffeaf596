/** The cancellation store on SQLite (see `storage/cancelaciones.ts`): its own connection, the process's write mutex. */
import type Database from 'better-sqlite3';
import type { CambioSolicitud, CancelacionesStore, CancelacionRecord, Candidato, NewCancelacion } from '../cancelaciones.ts';
import { INSERT_COLUMNS, toCancelacion, toCandidato } from '../cancelaciones-rows.ts';
import { openDatabase, statementCache, type SqliteOptions } from './connection.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

export interface SqliteCancelacionesOptions extends SqliteOptions {
  file: string;
  busyTimeoutMs?: number;
  writeLock?: SharedArrayBuffer;
}

type Row = Record<string, any>;

export function openSqliteCancelaciones(o: SqliteCancelacionesOptions): CancelacionesStore {
  const db = openDatabase(o);
  const lock = writeLockView(o.writeLock);
  const q = statementCache(db);
  const tx = <T>(fn: () => T): T => withWriteLock(lock, () => db.transaction(fn).immediate());
  const get = (id: number) => toCancelacion(q('SELECT * FROM cancelaciones WHERE id = ?').get(id) as Row | undefined);

  return {
    async crear(n: NewCancelacion) {
      return tx(() => {
        const live = q(`SELECT * FROM cancelaciones WHERE cfdi_id = ? AND estado <> 'rechazado'`).get(n.cfdiId) as Row | undefined;
        if (live) return { record: toCancelacion(live)!, creada: false };
        const r = q(`INSERT INTO cancelaciones (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, 'solicitando', ?, ?, ?, ?, ?)`).run(
          n.empresaId, n.cfdiId, n.uuid, n.motivo, n.folioSustitucion ?? null, n.solicitud, n.requiereAceptacion ? 1 : 0, n.nextCheckAt, n.now, n.now,
        );
        q('UPDATE cfdis SET estado_cancelacion = ? WHERE id = ?').run('CANCELACION_EN_PROCESO', n.cfdiId);
        return { record: get(Number(r.lastInsertRowid))!, creada: true };
      });
    },
    async get(id) {
      return get(id);
    },
    async ultima(cfdiId) {
      return toCancelacion(q('SELECT * FROM cancelaciones WHERE cfdi_id = ? ORDER BY id DESC LIMIT 1').get(cfdiId) as Row | undefined);
    },
    async registrar(id: number, c: CambioSolicitud) {
      return tx(() => {
        const cur = get(id);
        if (!cur || cur.estado === 'cancelado' || cur.estado === 'rechazado') return false;
        q(`UPDATE cancelaciones SET estado = ?, codigo = coalesce(?, codigo), mensaje = coalesce(?, mensaje), estatus_sat = coalesce(?, estatus_sat),
             acuse = coalesce(acuse, ?), fecha_cancelacion = coalesce(?, fecha_cancelacion), next_check_at = ?,
             intentos = intentos + ?, ultimo_error = ?, efectos = CASE WHEN estado = ? THEN efectos ELSE 1 END, updated_at = ? WHERE id = ?`).run(
          c.estado, c.codigo ?? null, c.mensaje ?? null, c.estatusSat ?? null, c.acuse ?? null, c.fechaCancelacion ?? null, c.nextCheckAt,
          c.ultimoError === undefined ? 0 : 1, c.ultimoError ?? null, c.estado, c.now, id,
        );
        q('UPDATE cfdis SET estado_cancelacion = ?, fecha_cancelacion = ? WHERE id = ?').run(c.estadoCfdi, c.fechaCancelacion ?? null, cur.cfdiId);
        return true;
      });
    },
    async reclamarPendientes(now, leaseMs, limit) {
      return tx(() => {
        const rows = q(`SELECT * FROM cancelaciones WHERE (estado IN ('solicitando', 'en_proceso') OR efectos = 1) AND next_check_at <= ? ORDER BY next_check_at, id LIMIT ?`)
          .all(now, limit) as Row[];
        for (const r of rows) q('UPDATE cancelaciones SET next_check_at = ? WHERE id = ?').run(now + leaseMs, r.id);
        return rows.map((r) => toCancelacion(r)!) as CancelacionRecord[];
      });
    },
    async candidatosRelacionados(empresaId, uuid, exceptId): Promise<Candidato[]> {
      // A scan of the empresa's CFDIs (cancellations are rare next to stamping); the caller confirms each hit by parsing it.
      const rows = q(`SELECT id, uuid, tipo_de_comprobante, rfc_emisor, estado_cancelacion, xml FROM cfdis
                      WHERE empresa_id = ? AND id <> ? AND (instr(xml, ?) > 0 OR instr(xml, ?) > 0)`).all(empresaId, exceptId, uuid.toUpperCase(), uuid.toLowerCase()) as Row[];
      return rows.map(toCandidato);
    },
    async efectosHechos(id, estado) {
      withWriteLock(lock, () => q('UPDATE cancelaciones SET efectos = 0 WHERE id = ? AND estado = ?').run(id, estado));
    },
    async guardarPdf(cfdiId, pdf) {
      withWriteLock(lock, () => q('UPDATE cfdis SET pdf = ?, has_pdf = 1 WHERE id = ?').run(pdf, cfdiId));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
