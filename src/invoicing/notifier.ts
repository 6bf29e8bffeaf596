/**
 * The notifications port: how the invoicing flow (and the cancellation capability)
 * tells the outside world that something happened, without knowing about e-mail or
 * webhooks. `notificaciones/` implements it; `main/` wires it into `InvoicingDeps`.
 *
 * Every call is idempotent, so a caller simply calls again after a crash or a retry:
 * an event is recorded once per key (a peticion; a CFDI's cancellation change), its
 * deliveries are queued in the same transaction, and receivers get one stable event id.
 * A call only records and queues: sending happens later, elsewhere, and a failing SMTP
 * server or webhook receiver never delays or fails the caller.
 */
import type { CfdiAlmacenado } from './query.ts';
import type { Peticion } from '../storage/store.ts';

/**
 * What the pipeline knows of a peticion it has just ended, handed to the notifier so that
 * it need not read the peticion back to learn that nobody is to be notified (most
 * peticiones). Whatever it does notify is built from the stored row.
 */
export type PeticionTerminada = Pick<Peticion, 'id' | 'empresaId' | 'tipoId' | 'stage' | 'printed' | 'suscripciones'>;

/** A change of a CFDI's cancellation state, as the cancellation capability reports it. */
export interface CambioCancelacion {
  cfdiId: number;
  /** The SAT's Estado of the CFDI after the change: `Vigente` or `Cancelado`. */
  estado: string;
  /** The SAT's EstatusCancelacion, e.g. `En proceso`, `Cancelado sin aceptación`, `Solicitud rechazada`. */
  estatusCancelacion?: string;
  /** c_Motivo of the request (`01`–`04`). */
  motivo?: string;
  folioSustitucion?: string;
  /** When the change happened (ISO 8601). */
  fecha: string;
  /**
   * De-duplication key of this change; the default is cfdiId + estado + estatusCancelacion,
   * so reporting the same state twice notifies once.
   */
  clave?: string;
}

export interface Notifier {
  /**
   * A peticion ended: ALMACENADO (e-mail of record 09 / `envio`, webhooks
   * `peticion.almacenada`) or with errors (webhooks `peticion.error`). A peticion not yet
   * ended is ignored. Throws only when the database fails (the caller retries).
   * `ended`: the peticion as the caller just ended it; without it the notifier reads it.
   */
  peticionTerminada(peticionId: number, ended?: PeticionTerminada): Promise<void>;
  /** A CFDI was cancelled or its cancellation state changed (webhooks `cfdi.cancelacion`). */
  cancelacionCambiada(c: CambioCancelacion): Promise<void>;
  /**
   * Fields added to the GET answer of a stored CFDI (`correos` when e-mail was sent or asked for).
   * `tieneCorreos`: whether the CFDI has e-mail deliveries, when the caller read it already
   * (false: nothing to read); without it the notifier looks.
   */
  camposConsulta(body: CfdiAlmacenado, tieneCorreos?: boolean): Promise<Record<string, unknown>>;
}

/**
 * The pipeline's hook (`invoicing/worker.ts`): tells the notifier, when there is one,
 * that a peticion ended. Errors propagate: the job is retried and calls again.
 */
export async function notifyEnded(d: { notifier?: Notifier }, peticionId: number, ended?: PeticionTerminada): Promise<void> {
  await d.notifier?.peticionTerminada(peticionId, ended);
}
