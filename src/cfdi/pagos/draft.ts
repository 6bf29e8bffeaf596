/**
 * The Pagos 2.0 complement as a connector gives it (layout records compPagos,
 * comPagosDoctoRel, … or the JSON `pagos`): every value the SAT lets us derive may be
 * missing. `./complete.ts` fills them; `invoicing/pagos` first fills, for the service's
 * own invoices, what its records know (NumParcialidad, ImpSaldoAnt, MonedaDR, ObjetoImpDR
 * and the invoice's taxes).
 */
import type { ImpuestoDR, Pago, RetencionP, Totales, TrasladoP } from './model.ts';

export type ImpuestoDRDraft = Omit<ImpuestoDR, 'BaseDR'> & { BaseDR?: string };

export interface DoctoRelacionadoDraft {
  IdDocumento: string;
  Serie?: string;
  Folio?: string;
  MonedaDR?: string;
  EquivalenciaDR?: string;
  NumParcialidad?: string;
  ImpSaldoAnt?: string;
  ImpPagado?: string;
  ImpSaldoInsoluto?: string;
  ObjetoImpDR?: string;
  /** Given by the client; when absent, computed from the related invoice's taxes (`factura`). */
  ImpuestosDR?: { RetencionesDR: ImpuestoDRDraft[]; TrasladosDR: ImpuestoDRDraft[] };
  /** The related invoice's tax groups, when the service issued it (filled by invoicing/pagos). */
  factura?: FacturaImpuestos;
}

/** What the proportional ImpuestosDR need of the paid invoice. */
export interface FacturaImpuestos {
  Total: string;
  Traslados: Array<{ Impuesto: string; TipoFactor: string; TasaOCuota?: string; Base: string }>;
  Retenciones: Array<{ Impuesto: string; TipoFactor: string; TasaOCuota: string; Base: string }>;
}

export interface PagoDraft extends Omit<Pago, 'Monto' | 'DoctoRelacionado' | 'ImpuestosP'> {
  Monto?: string;
  DoctoRelacionado: DoctoRelacionadoDraft[];
  /** Declared by the client; each absent value is computed from the DoctoRelacionado taxes. */
  ImpuestosP?: { RetencionesP: Array<Partial<RetencionP> & { ImpuestoP: string }>; TrasladosP: Array<Partial<TrasladoP> & { ImpuestoP: string; TipoFactorP: string }> };
}

export interface PagosDraft {
  /** Declared Totales; absent values are computed. */
  Totales?: Partial<Totales>;
  Pago: PagoDraft[];
}
