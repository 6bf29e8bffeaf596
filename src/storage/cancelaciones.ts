/**
 * The cancellation store (issue 12), a port of its own beside `store.ts`: requests of
 * cancellation, the SAT's answers and acuses, and the CFDI's visible state
 * (`cfdis.estado_cancelacion`, `cfdis.fecha_cancelacion`), kept in the same transaction.
 * Adapters: `sqlite/cancelaciones.ts`, `postgres/cancelaciones.ts`, one contract suite
 * (`test/contract/cancelaciones.contract.test.ts`).
 *
 * Invariants:
 * - at most one live request (not `rechazado`) per CFDI: `crear` returns the existing one
 *   instead of inserting a second, whoever calls first in whatever process;
 * - the signed request is stored before any PAC call and never replaced, so a retry
 *   after a timeout sends the same bytes;
 * - the first acuse received is kept as received.
 */

/**
 * - `solicitando`: recorded, the PAC has not answered yet (or timed out): retried.
 * - `en_proceso`: the SAT accepted the request (201/202) and waits for the receptor.
 * - `cancelado`: the CFDI is cancelled (with or without acceptance, or the receptor's term lapsed).
 * - `rechazado`: ended without effect (the receptor rejected, or the SAT refused); the CFDI is
 *   still valid and may be requested again.
 */
export type EstadoSolicitud = 'solicitando' | 'en_proceso' | 'cancelado' | 'rechazado';

/** The CFDI's state as the GET answer shows it (`status`); undefined = not cancelled. */
export type EstadoCfdiCancelacion = 'CANCELACION_EN_PROCESO' | 'CANCELADO' | 'CANCELACION_RECHAZADA';

export interface NewCancelacion {
  empresaId: number;
  cfdiId: number;
  uuid: string;
  motivo: string;
  folioSustitucion?: string;
  /** The signed SAT `Cancelacion`. */
  solicitud: string;
  requiereAceptacion: boolean;
  /** ISO instant. */
  now: string;
  /** Epoch ms of the first background check (a retry if the inline call does not end it). */
  nextCheckAt: number;
}

export interface CancelacionRecord extends Omit<NewCancelacion, 'now'> {
  id: number;
  estado: EstadoSolicitud;
  /** The SAT's (or PAC's) answer code for the UUID: 201, 202, 205, no_cancelable… */
  codigo?: string;
  mensaje?: string;
  /** The SAT's EstatusCancelacion, e.g. `En proceso`, `Cancelado sin aceptación`. */
  estatusSat?: string;
  acuse?: string;
  intentos: number;
  ultimoError?: string;
  /** Mexico City local `AAAA-MM-DDThh:mm:ss`, when cancelled. */
  fechaCancelacion?: string;
  /** The notifier and the cancelled PDF have yet to follow the last change. */
  efectosPendientes: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CambioSolicitud {
  estado: EstadoSolicitud;
  codigo?: string;
  mensaje?: string;
  estatusSat?: string;
  /** Kept only if none is stored yet. */
  acuse?: string;
  fechaCancelacion?: string;
  /** The CFDI's visible state after the change; null clears it. */
  estadoCfdi: EstadoCfdiCancelacion | null;
  nextCheckAt: number;
  ultimoError?: string;
  now: string;
}

/** A CFDI of the empresa whose XML mentions a UUID (the caller parses it to confirm the relation). */
export interface Candidato {
  id: number;
  uuid: string;
  tipoDeComprobante: string;
  rfcEmisor: string;
  /** Not cancelled: for the SAT a CFDI waiting for its receptor is still Vigente. */
  vigente: boolean;
  xml: string;
}

export interface CancelacionesStore {
  /** Inserts a request in `solicitando`, unless the CFDI has a live one: then returns that one. */
  crear(n: NewCancelacion): Promise<{ record: CancelacionRecord; creada: boolean }>;
  get(id: number): Promise<CancelacionRecord | undefined>;
  /** The latest request of a CFDI, live or not. */
  ultima(cfdiId: number): Promise<CancelacionRecord | undefined>;
  /**
   * Records an answer or a failed attempt (intentos + 1 when ultimoError is given) and
   * the CFDI's visible state, in one transaction. A request that ended
   * (`cancelado`/`rechazado`) is not changed again: returns false. A change of state
   * marks its effects pending (efectosHechos clears them).
   */
  registrar(id: number, c: CambioSolicitud): Promise<boolean>;
  /** The effects of the change to `estado` are done (a later change keeps its own pending). */
  efectosHechos(id: number, estado: EstadoSolicitud): Promise<void>;
  /**
   * The background job's claim: up to `limit` requests in `solicitando`/`en_proceso`, or with effects pending, due
   * at `now`, each pushed to `now + leaseMs` so another process does not take it meanwhile.
   */
  reclamarPendientes(now: number, leaseMs: number, limit: number): Promise<CancelacionRecord[]>;
  /** CFDIs of the empresa (other than `exceptId`) whose XML contains the UUID. */
  candidatosRelacionados(empresaId: number, uuid: string, exceptId: number): Promise<Candidato[]>;
  /** Replaces the PDF of a CFDI (the one that says it is cancelled). */
  guardarPdf(cfdiId: number, pdf: Buffer): Promise<void>;
  close(): Promise<void>;
}
