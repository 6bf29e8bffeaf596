/**
 * The payments store on SQLite (storage/pagos.ts). Its own connection and the process's
 * write mutex like the other adapters; `registrar` runs in one IMMEDIATE transaction, which
 * serialises it with every other writer of the file (the invoices' lock).
 */
import type Database from 'better-sqlite3';
import type { Aplicacion, FacturaPagos, PagoRelacionado, PagosStore } from '../pagos.ts';
import { FACTURA_COLUMNS, checkAplicaciones, toAplicacion, toFactura } from '../pagos-rows.ts';
import { openDatabase, statementCache, type SqliteOptions } from './connection.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

export interface SqlitePagosOptions extends SqliteOptions {
  file: string;
  busyTimeoutMs?: number;
  writeLock?: SharedArrayBuffer;
}

export function openSqlitePagos(o: SqlitePagosOptions): PagosStore {
  return new SqlitePagos(o);
}

type Row = Record<string, any>;

class SqlitePagos implements PagosStore {
  private readonly db: Database.Database;
  private readonly lock?: Int32Array;
  private readonly q: (sql: string) => Database.Statement;

  constructor(o: SqlitePagosOptions) {
    this.db = openDatabase(o);
    this.q = statementCache(this.db);
    this.lock = writeLockView(o.writeLock);
  }

  private pagados(ids: number[]): Map<number, string[]> {
    const out = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    // One statement whatever the number of ids (a JSON array), so the statement cache stays small.
    const rows = this.q(`SELECT factura_cfdi_id, imp_pagado FROM pagos_aplicados WHERE estado = 'vigente'
      AND factura_cfdi_id IN (SELECT value FROM json_each(?)) ORDER BY factura_cfdi_id, num_parcialidad`).all(JSON.stringify(ids)) as Row[];
    for (const r of rows) out.get(Number(r.factura_cfdi_id))!.push(r.imp_pagado);
    return out;
  }

  async facturas(empresaId: number, uuids: string[]): Promise<Map<string, FacturaPagos>> {
    const out = new Map<string, FacturaPagos>();
    if (!uuids.length) return out;
    const rows = this.q(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE empresa_id = ? AND uuid IN (SELECT value FROM json_each(?))`).all(empresaId, JSON.stringify(uuids)) as Row[];
    const pagados = this.pagados(rows.map((r) => Number(r.id)));
    for (const r of rows) out.set(r.uuid, toFactura(r, pagados.get(Number(r.id))!));
    return out;
  }

  async factura(cfdiId: number): Promise<FacturaPagos | undefined> {
    const r = this.q(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE id = ?`).get(cfdiId) as Row | undefined;
    return r ? toFactura(r, this.pagados([cfdiId]).get(cfdiId)!) : undefined;
  }

  async facturaXml(cfdiId: number): Promise<string | undefined> {
    return (this.q('SELECT xml FROM cfdis WHERE id = ?').get(cfdiId) as Row | undefined)?.xml;
  }

  async registrar(empresaId: number, peticionId: number, aplicaciones: Aplicacion[], now: string): Promise<void> {
    withWriteLock(this.lock, () =>
      this.db.transaction(() => {
        const ya = this.q(`SELECT 1 FROM pagos_aplicados WHERE peticion_id = ? AND estado = 'vigente' LIMIT 1`).get(peticionId);
        if (ya) return;
        const ids = [...new Set(aplicaciones.map((a) => a.facturaCfdiId))];
        const pagados = this.pagados(ids);
        const estado = new Map<number, { total: string; pagados: string[] }>();
        for (const id of ids) {
          const r = this.q('SELECT total FROM cfdis WHERE id = ? AND empresa_id = ?').get(id, empresaId) as Row | undefined;
          if (r) estado.set(id, { total: r.total, pagados: pagados.get(id)! });
        }
        checkAplicaciones(aplicaciones, estado);
        const ins = this.q(`INSERT INTO pagos_aplicados (empresa_id, peticion_id, factura_cfdi_id, num_parcialidad, imp_saldo_ant, imp_pagado,
          imp_saldo_insoluto, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
        for (const a of aplicaciones) ins.run(empresaId, peticionId, a.facturaCfdiId, a.numParcialidad, a.impSaldoAnt, a.impPagado, a.impSaldoInsoluto, now);
      }).immediate(),
    );
  }

  async aplicacionesDe(peticionId: number): Promise<Aplicacion[]> {
    return (this.q(`SELECT * FROM pagos_aplicados WHERE peticion_id = ? AND estado = 'vigente' ORDER BY id`).all(peticionId) as Row[]).map(toAplicacion);
  }

  async liberar(peticionId: number): Promise<number> {
    return withWriteLock(this.lock, () => this.q(`UPDATE pagos_aplicados SET estado = 'liberado' WHERE peticion_id = ? AND estado = 'vigente'`).run(peticionId).changes);
  }

  async pagosDeFactura(empresaId: number, uuidFactura: string): Promise<PagoRelacionado[]> {
    const rows = this.q(`SELECT pa.peticion_id, pa.num_parcialidad, pa.imp_pagado, p.uuid AS uuid_pago
      FROM pagos_aplicados pa JOIN cfdis f ON f.id = pa.factura_cfdi_id LEFT JOIN cfdis p ON p.peticion_id = pa.peticion_id
      WHERE f.empresa_id = ? AND f.uuid = ? AND pa.estado = 'vigente' ORDER BY pa.num_parcialidad`).all(empresaId, uuidFactura.toUpperCase()) as Row[];
    return rows.map((r) => ({ peticionId: Number(r.peticion_id), uuidPago: r.uuid_pago ?? undefined, numParcialidad: Number(r.num_parcialidad), impPagado: r.imp_pagado }));
  }

  async cancelarPago(empresaId: number, uuidPago: string): Promise<number> {
    return withWriteLock(this.lock, () => this.q(`UPDATE pagos_aplicados SET estado = 'cancelado' WHERE estado = 'vigente'
      AND peticion_id = (SELECT peticion_id FROM cfdis WHERE empresa_id = ? AND uuid = ?)`).run(empresaId, uuidPago.toUpperCase()).changes);
  }

  async facturasPpd(empresaId: number): Promise<FacturaPagos[]> {
    // MetodoPago is not a column: our writer puts it in the XML as MetodoPago="PPD".
    const rows = this.q(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE empresa_id = ? AND tipo_de_comprobante = 'I'
      AND fecha_cancelacion IS NULL AND instr(xml, 'MetodoPago="PPD"') > 0 ORDER BY id`).all(empresaId) as Row[];
    const pagados = this.pagados(rows.map((r) => Number(r.id)));
    return rows.map((r) => toFactura(r, pagados.get(Number(r.id))!));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
