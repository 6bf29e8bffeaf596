/**
 * The payments store on PostgreSQL (storage/pagos.ts). `registrar` locks the invoices'
 * rows (SELECT … FOR UPDATE, in id order so two receipts never deadlock) before reading
 * their balances, so concurrent workers on several machines serialise per invoice.
 */
import type pg from 'pg';
import type { Aplicacion, FacturaPagos, PagoRelacionado, PagosStore } from '../pagos.ts';
import { FACTURA_COLUMNS, checkAplicaciones, toAplicacion, toFactura } from '../pagos-rows.ts';
import { openPool, withTransaction, type PostgresOptions } from './connection.ts';

export function openPostgresPagos(o: PostgresOptions): PagosStore {
  return new PostgresPagos(o);
}

type Row = Record<string, any>;
type Q = pg.Pool | pg.PoolClient;

class PostgresPagos implements PagosStore {
  private readonly pool: pg.Pool;

  constructor(o: PostgresOptions) {
    this.pool = openPool({ ...o, poolSize: o.poolSize ?? 2 }, 'cfdi-async pagos');
  }

  private async pagados(ids: number[], q: Q = this.pool): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = (await q.query(`SELECT factura_cfdi_id, imp_pagado FROM pagos_aplicados WHERE estado = 'vigente'
      AND factura_cfdi_id = ANY($1::bigint[]) ORDER BY factura_cfdi_id, num_parcialidad`, [ids])).rows as Row[];
    for (const r of rows) out.get(Number(r.factura_cfdi_id))!.push(r.imp_pagado);
    return out;
  }

  async facturas(empresaId: number, uuids: string[]): Promise<Map<string, FacturaPagos>> {
    const out = new Map<string, FacturaPagos>();
    if (!uuids.length) return out;
    const rows = (await this.pool.query(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE empresa_id = $1 AND uuid = ANY($2::text[])`, [empresaId, uuids])).rows as Row[];
    const pagados = await this.pagados(rows.map((r) => Number(r.id)));
    for (const r of rows) out.set(r.uuid, toFactura(r, pagados.get(Number(r.id))!));
    return out;
  }

  async factura(cfdiId: number): Promise<FacturaPagos | undefined> {
    const r = (await this.pool.query(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE id = $1`, [cfdiId])).rows[0] as Row | undefined;
    return r ? toFactura(r, (await this.pagados([cfdiId])).get(cfdiId)!) : undefined;
  }

  async facturaXml(cfdiId: number): Promise<string | undefined> {
    return (await this.pool.query('SELECT xml FROM cfdis WHERE id = $1', [cfdiId])).rows[0]?.xml;
  }

  async registrar(empresaId: number, peticionId: number, aplicaciones: Aplicacion[], now: string): Promise<void> {
    await withTransaction(this.pool, async (c) => {
      const ids = [...new Set(aplicaciones.map((a) => a.facturaCfdiId))].sort((a, b) => a - b);
      // The invoices' lock: every receipt paying one of them waits here.
      const locked = (await c.query('SELECT id, total FROM cfdis WHERE id = ANY($1::bigint[]) AND empresa_id = $2 ORDER BY id FOR UPDATE', [ids, empresaId])).rows as Row[];
      const ya = (await c.query(`SELECT 1 FROM pagos_aplicados WHERE peticion_id = $1 AND estado = 'vigente' LIMIT 1`, [peticionId])).rows.length > 0;
      if (ya) return;
      const pagados = await this.pagados(ids, c);
      checkAplicaciones(aplicaciones, new Map(locked.map((r) => [Number(r.id), { total: r.total, pagados: pagados.get(Number(r.id))! }])));
      for (const a of aplicaciones) {
        await c.query(`INSERT INTO pagos_aplicados (empresa_id, peticion_id, factura_cfdi_id, num_parcialidad, imp_saldo_ant, imp_pagado, imp_saldo_insoluto, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [empresaId, peticionId, a.facturaCfdiId, a.numParcialidad, a.impSaldoAnt, a.impPagado, a.impSaldoInsoluto, now]);
      }
    });
  }

  async aplicacionesDe(peticionId: number): Promise<Aplicacion[]> {
    return ((await this.pool.query(`SELECT * FROM pagos_aplicados WHERE peticion_id = $1 AND estado = 'vigente' ORDER BY id`, [peticionId])).rows as Row[]).map(toAplicacion);
  }

  async liberar(peticionId: number): Promise<number> {
    return (await this.pool.query(`UPDATE pagos_aplicados SET estado = 'liberado' WHERE peticion_id = $1 AND estado = 'vigente'`, [peticionId])).rowCount ?? 0;
  }

  async pagosDeFactura(empresaId: number, uuidFactura: string): Promise<PagoRelacionado[]> {
    const rows = (await this.pool.query(`SELECT pa.peticion_id, pa.num_parcialidad, pa.imp_pagado, p.uuid AS uuid_pago
      FROM pagos_aplicados pa JOIN cfdis f ON f.id = pa.factura_cfdi_id LEFT JOIN cfdis p ON p.peticion_id = pa.peticion_id
      WHERE f.empresa_id = $1 AND f.uuid = $2 AND pa.estado = 'vigente' ORDER BY pa.num_parcialidad`, [empresaId, uuidFactura.toUpperCase()])).rows as Row[];
    return rows.map((r) => ({ peticionId: Number(r.peticion_id), uuidPago: r.uuid_pago ?? undefined, numParcialidad: Number(r.num_parcialidad), impPagado: r.imp_pagado }));
  }

  async cancelarPago(empresaId: number, uuidPago: string): Promise<number> {
    return (await this.pool.query(`UPDATE pagos_aplicados SET estado = 'cancelado' WHERE estado = 'vigente'
      AND peticion_id = (SELECT peticion_id FROM cfdis WHERE empresa_id = $1 AND uuid = $2)`, [empresaId, uuidPago.toUpperCase()])).rowCount ?? 0;
  }

  async facturasPpd(empresaId: number): Promise<FacturaPagos[]> {
    // MetodoPago is not a column: our writer puts it in the XML as MetodoPago="PPD".
    const rows = (await this.pool.query(`SELECT ${FACTURA_COLUMNS} FROM cfdis WHERE empresa_id = $1 AND tipo_de_comprobante = 'I'
      AND fecha_cancelacion IS NULL AND strpos(xml, 'MetodoPago="PPD"') > 0 ORDER BY id`, [empresaId])).rows as Row[];
    const pagados = await this.pagados(rows.map((r) => Number(r.id)));
    return rows.map((r) => toFactura(r, pagados.get(Number(r.id))!));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
