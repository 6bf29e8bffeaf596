/** The cancellation store on PostgreSQL (see `storage/cancelaciones.ts`). */
import type { CambioSolicitud, CancelacionesStore, CancelacionRecord, NewCancelacion } from '../cancelaciones.ts';
import { INSERT_COLUMNS, toCancelacion, toCandidato } from '../cancelaciones-rows.ts';
import { openPool, withTransaction, type PostgresOptions } from './connection.ts';

export function openPostgresCancelaciones(o: PostgresOptions): CancelacionesStore {
  const pool = openPool({ ...o, poolSize: o.poolSize ?? 2 }, 'cfdi-async cancelaciones');
  const get = async (id: number) => toCancelacion((await pool.query('SELECT * FROM cancelaciones WHERE id = $1', [id])).rows[0]);

  return {
    async crear(n: NewCancelacion) {
      return withTransaction(pool, async (c) => {
        // Serializes callers for one CFDI: the row lock is held until commit.
        await c.query('SELECT id FROM cfdis WHERE id = $1 FOR UPDATE', [n.cfdiId]);
        const live = (await c.query(`SELECT * FROM cancelaciones WHERE cfdi_id = $1 AND estado <> 'rechazado'`, [n.cfdiId])).rows[0];
        if (live) return { record: toCancelacion(live)!, creada: false };
        const r = (await c.query(`INSERT INTO cancelaciones (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, 'solicitando', $6, $7, $8, $9, $9) RETURNING *`, [
          n.empresaId, n.cfdiId, n.uuid, n.motivo, n.folioSustitucion ?? null, n.solicitud, n.requiereAceptacion, n.nextCheckAt, n.now,
        ])).rows[0];
        await c.query('UPDATE cfdis SET estado_cancelacion = $1 WHERE id = $2', ['CANCELACION_EN_PROCESO', n.cfdiId]);
        return { record: toCancelacion(r)!, creada: true };
      });
    },
    get,
    async ultima(cfdiId) {
      return toCancelacion((await pool.query('SELECT * FROM cancelaciones WHERE cfdi_id = $1 ORDER BY id DESC LIMIT 1', [cfdiId])).rows[0]);
    },
    async registrar(id: number, ch: CambioSolicitud) {
      return withTransaction(pool, async (c) => {
        const cur = toCancelacion((await c.query('SELECT * FROM cancelaciones WHERE id = $1 FOR UPDATE', [id])).rows[0]);
        if (!cur || cur.estado === 'cancelado' || cur.estado === 'rechazado') return false;
        await c.query(`UPDATE cancelaciones SET estado = $1, codigo = coalesce($2, codigo), mensaje = coalesce($3, mensaje), estatus_sat = coalesce($4, estatus_sat),
             acuse = coalesce(acuse, $5), fecha_cancelacion = coalesce($6, fecha_cancelacion), next_check_at = $7,
             intentos = intentos + $8, ultimo_error = $9, efectos = CASE WHEN estado = $1 THEN efectos ELSE 1 END, updated_at = $10 WHERE id = $11`, [
          ch.estado, ch.codigo ?? null, ch.mensaje ?? null, ch.estatusSat ?? null, ch.acuse ?? null, ch.fechaCancelacion ?? null, ch.nextCheckAt,
          ch.ultimoError === undefined ? 0 : 1, ch.ultimoError ?? null, ch.now, id,
        ]);
        await c.query('UPDATE cfdis SET estado_cancelacion = $1, fecha_cancelacion = $2 WHERE id = $3', [ch.estadoCfdi, ch.fechaCancelacion ?? null, cur.cfdiId]);
        return true;
      });
    },
    async reclamarPendientes(now, leaseMs, limit) {
      const rows = (await pool.query(`UPDATE cancelaciones SET next_check_at = $1 + $2 WHERE id IN (
          SELECT id FROM cancelaciones WHERE (estado IN ('solicitando', 'en_proceso') OR efectos = 1) AND next_check_at <= $1
          ORDER BY next_check_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *`, [now, leaseMs, limit])).rows;
      return rows.map((r) => toCancelacion(r)!).sort((a, b) => a.id - b.id) as CancelacionRecord[];
    },
    async candidatosRelacionados(empresaId, uuid, exceptId) {
      const rows = (await pool.query(`SELECT id, uuid, tipo_de_comprobante, rfc_emisor, estado_cancelacion, xml FROM cfdis
          WHERE empresa_id = $1 AND id <> $2 AND (strpos(xml, $3) > 0 OR strpos(xml, $4) > 0)`, [empresaId, exceptId, uuid.toUpperCase(), uuid.toLowerCase()])).rows;
      return rows.map(toCandidato);
    },
    async efectosHechos(id, estado) {
      await pool.query('UPDATE cancelaciones SET efectos = 0 WHERE id = $1 AND estado = $2', [id, estado]);
    },
    async guardarPdf(cfdiId, pdf) {
      await pool.query('UPDATE cfdis SET pdf = $1, has_pdf = true WHERE id = $2', [pdf, cfdiId]);
    },
    async close() {
      await pool.end();
    },
  };
}
