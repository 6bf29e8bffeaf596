/** Row mapping and the balance check shared by both payments adapters (storage/pagos.ts). */
import { compare } from '../cfdi/amounts/decimal.ts';
import { AppError } from '../shared/errors.ts';
import { saldoDe, type Aplicacion, type FacturaPagos } from './pagos.ts';

export { saldoDe };

type Row = Record<string, any>;

export const FACTURA_COLUMNS = 'id, uuid, serie, folio, moneda, total, tipo_de_comprobante, fecha, rfc_receptor, nombre_receptor, fecha_cancelacion';

export function toFactura(r: Row, pagados: string[]): FacturaPagos {
  const f: FacturaPagos = {
    cfdiId: Number(r.id), uuid: r.uuid, moneda: r.moneda, total: r.total, tipoDeComprobante: r.tipo_de_comprobante, fecha: r.fecha,
    rfcReceptor: r.rfc_receptor, nombreReceptor: r.nombre_receptor, pagados,
  };
  if (r.serie != null) f.serie = r.serie;
  if (r.folio != null) f.folio = r.folio;
  if (r.fecha_cancelacion != null) f.fechaCancelacion = String(r.fecha_cancelacion);
  return f;
}

export function toAplicacion(r: Row): Aplicacion {
  return { facturaCfdiId: Number(r.factura_cfdi_id), numParcialidad: Number(r.num_parcialidad), impSaldoAnt: r.imp_saldo_ant, impPagado: r.imp_pagado, impSaldoInsoluto: r.imp_saldo_insoluto };
}


/**
 * Inside the adapter's transaction, with the invoices locked: each application must start
 * where the invoice stands now (applications of one receipt to one invoice in order).
 */
export function checkAplicaciones(aplicaciones: Aplicacion[], estado: Map<number, { total: string; pagados: string[] }>): void {
  const vistos = new Map<number, string[]>();
  for (const a of aplicaciones) {
    const f = estado.get(a.facturaCfdiId);
    if (!f) throw new AppError('BD_NO_ENCONTRADO', `la factura ${a.facturaCfdiId} no existe`);
    const pagados = vistos.get(a.facturaCfdiId) ?? [...f.pagados];
    const saldo = saldoDe({ total: f.total, pagados });
    if (a.numParcialidad !== pagados.length + 1 || compare(a.impSaldoAnt, saldo) !== 0 || compare(a.impPagado, saldo) > 0) {
      throw new AppError('PAGO_CONCURRENTE',
        `otro pago cambió el saldo de la factura ${a.facturaCfdiId} (parcialidad ${pagados.length + 1}, saldo ${saldo}); se vuelve a calcular`);
    }
    pagados.push(a.impPagado);
    vistos.set(a.facturaCfdiId, pagados);
  }
}
