/**
 * The payments storage port (issue 13): the balances of the service's own invoices and the
 * payment receipts applied to them. `invoicing/pagos.ts` talks to this interface only;
 * `storage/sqlite/pagos.ts` and `storage/postgres/pagos.ts` implement it and are checked by
 * `test/contract/pagos.contract.test.ts`.
 *
 * An application is one DoctoRelacionado of a payment receipt (peticion) paying one
 * invoice (a stamped CFDI of the same empresa). Only `vigente` applications count: an
 * invoice's balance is its Total − Σ ImpPagado of its vigente applications, its next
 * NumParcialidad their count + 1.
 *
 * Semantics every adapter keeps:
 * - `registrar` is atomic and race-safe: under the invoices' lock it checks that every
 *   application still starts from the invoice's current balance and parcialidad, and
 *   fails with PAGO_CONCURRENTE (retryable) when another receipt moved them first; a
 *   unique index on (invoice, NumParcialidad) among vigente rows is the last guard. Two
 *   payments can never both spend the same balance. Calling it again for the same
 *   peticion changes nothing (a resumed job).
 * - `liberar` (the receipt never became a CFDI) and `cancelarPago` (its CFDI was
 *   cancelled) give the balance back.
 */

import { format, sub, sum } from '../cfdi/amounts/decimal.ts';

/** Balance of an invoice: Total − Σ ImpPagado of its vigente applications. */
export function saldoDe(f: { total: string; pagados: string[] }): string {
  return format(sub(f.total, sum(f.pagados)));
}

export type EstadoAplicacion = 'vigente' | 'liberado' | 'cancelado';

/** An invoice of the empresa with what has been applied to it. */
export interface FacturaPagos {
  cfdiId: number;
  uuid: string;
  serie?: string;
  folio?: string;
  moneda: string;
  total: string;
  tipoDeComprobante: string;
  fecha: string;
  rfcReceptor: string;
  nombreReceptor: string;
  fechaCancelacion?: string;
  /** ImpPagado of each vigente application, in NumParcialidad order. */
  pagados: string[];
}

export interface Aplicacion {
  facturaCfdiId: number;
  numParcialidad: number;
  impSaldoAnt: string;
  impPagado: string;
  impSaldoInsoluto: string;
}

/** A vigente payment receipt relating an invoice (for cancellation). */
export interface PagoRelacionado {
  peticionId: number;
  /** UUID of the payment receipt, once stamped. */
  uuidPago?: string;
  numParcialidad: number;
  impPagado: string;
}

export interface PagosStore {
  /** The empresa's CFDIs among these UUIDs (upper case), with their vigente applications. */
  facturas(empresaId: number, uuids: string[]): Promise<Map<string, FacturaPagos>>;
  /** The invoice with its applications, by CFDI id. */
  factura(cfdiId: number): Promise<FacturaPagos | undefined>;
  /** XML of an invoice (its MetodoPago, conceptos and taxes). */
  facturaXml(cfdiId: number): Promise<string | undefined>;
  /** Records the applications of a payment receipt; see the semantics above. */
  registrar(empresaId: number, peticionId: number, aplicaciones: Aplicacion[], now: string): Promise<void>;
  /** The vigente applications of a peticion (a resumed job reuses them). */
  aplicacionesDe(peticionId: number): Promise<Aplicacion[]>;
  /** The receipt ended without a CFDI: its applications stop counting. Returns rows changed. */
  liberar(peticionId: number): Promise<number>;
  /** Vigente payment receipts relating an invoice, by the invoice's UUID. */
  pagosDeFactura(empresaId: number, uuidFactura: string): Promise<PagoRelacionado[]>;
  /** The payment receipt with this UUID was cancelled: its applications stop counting. Returns rows changed. */
  cancelarPago(empresaId: number, uuidPago: string): Promise<number>;
  /** Invoices (tipo I) whose XML says MetodoPago PPD, not cancelled, with their applications. */
  facturasPpd(empresaId: number): Promise<FacturaPagos[]>;
  close(): Promise<void>;
}

