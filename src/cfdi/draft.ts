/**
 * A draft is what a connector (layout/) produces from a client's document: a
 * Comprobante whose computable values may still be missing. `cfdi/amounts` completes
 * it: a declared value is kept exactly as written (the SAT rules then judge it, as
 * with CFDI40108 in the seed); a missing one is computed with decimal arithmetic.
 *
 * Serie, Folio, Fecha, Emisor, LugarExpedicion, NoCertificado, Certificado and Sello
 * are set by the service (tenant configuration, folio assignment, sealing), so a
 * draft may omit them.
 */
import type {
  Comprobante,
  Concepto,
  Emisor,
  RetencionConcepto,
  RetencionDocumento,
  TrasladoConcepto,
  TrasladoDocumento,
} from './model.ts';
import type { PagosDraft } from './pagos/draft.ts';

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type TrasladoConceptoDraft = Optional<TrasladoConcepto, 'Base' | 'Importe'>;
export type RetencionConceptoDraft = Optional<RetencionConcepto, 'Base' | 'Importe'>;

export interface ConceptoDraft extends Omit<Optional<Concepto, 'Importe' | 'Impuestos'>, 'Impuestos'> {
  Impuestos?: { Traslados: TrasladoConceptoDraft[]; Retenciones: RetencionConceptoDraft[] };
}

/** Document taxes as declared by the client (records 06/07); any value may be missing. */
export interface ImpuestosDraft {
  TotalImpuestosRetenidos?: string;
  TotalImpuestosTrasladados?: string;
  Retenciones: Array<Optional<RetencionDocumento, 'Importe'>>;
  Traslados: Array<Optional<TrasladoDocumento, 'Base'>>;
}

export interface ComprobanteDraft
  extends Optional<
    Omit<Comprobante, 'Conceptos' | 'Impuestos' | 'Emisor'>,
    'SubTotal' | 'Total' | 'Fecha' | 'LugarExpedicion' | 'Version'
  > {
  Emisor?: Partial<Emisor>;
  Conceptos: ConceptoDraft[];
  /** Declared document-level taxes, when the client sent any. */
  Impuestos?: ImpuestosDraft;
  /**
   * The Pagos 2.0 complement of a payment receipt (tipo P), typed. `cfdi/amounts`
   * completes it and puts it in `Complemento.otros` as the element `pago20:Pagos`
   * (read it back with `pagosDe` from `cfdi/pagos/element.ts`).
   */
  Pagos?: PagosDraft;
}
