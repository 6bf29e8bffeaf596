/**
 * What the SAT's cancellation rules look at, checked before asking a PAC (one pure file
 * per rule beside this one, each with its table test). Findings reuse the SAT-rule shape
 * (`rules/rule.ts`); their codes are ours (src/shared/errors.ts, block of issue 12), with
 * the SAT's equivalent answer named in the message.
 */
import type { Finding } from '../rule.ts';

export type { Finding };

/** The facts of a stamped CFDI that cancellation needs (from the service's CFDI record). */
export interface CfdiCancelable {
  uuid: string;
  rfcEmisor: string;
  rfcReceptor: string;
  /** c_TipoDeComprobante: I, E, T, N, P. */
  tipoDeComprobante: string;
  total: string;
  moneda: string;
  tipoCambio?: string;
  /** TimbreFiscalDigital@FechaTimbrado (Mexico City local time), when the SAT learned of it. */
  fechaTimbrado: string;
}

/** A CFDI that relates the one being cancelled (CfdiRelacionados, or a payment's DoctoRelacionado). */
export interface DocumentoRelacionado {
  uuid: string;
  tipoDeComprobante: string;
  /** c_TipoRelacion, or `pago` for a Pagos DoctoRelacionado. */
  tipoRelacion: string;
}

/** The replacement named by folioSustitucion, as the service knows it. */
export interface Sustituto {
  uuid: string;
  rfcEmisor: string;
  /** Not cancelled (nor being cancelled). */
  vigente: boolean;
  /** Its CfdiRelacionados: TipoRelacion and UUID of each. */
  relacionados: Array<{ tipoRelacion: string; uuid: string }>;
}

export interface RevisionCancelacion {
  cfdi: CfdiCancelable;
  motivo: string;
  /** '' when absent. */
  folioSustitucion: string;
  /** The CFDI that folioSustitucion names, when it is one of the empresa's; undefined otherwise. */
  sustituto?: Sustituto;
  /** Live (not cancelled) documents that relate this CFDI. */
  relacionadosVivos: DocumentoRelacionado[];
  /** Now, Mexico City local time `AAAA-MM-DDThh:mm:ss` (the SAT's clock). */
  ahora: string;
}

export interface ReglaCancelacion {
  code: string;
  check(r: RevisionCancelacion): Finding[];
}

export const ok = (code: string): Finding[] => [{ code, status: 'ok', message: '' }];
export const notApplicable = (code: string): Finding[] => [{ code, status: 'notApplicable', message: '' }];
export const error = (code: string, message: string, value?: string): Finding[] => [
  { code, status: 'error', message, ...(value === undefined ? {} : { value }) },
];
