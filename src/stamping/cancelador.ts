/**
 * The cancellation port (PAC). The caller hands it the SAT `Cancelacion` for ONE UUID,
 * already signed with the empresa's CSD (cancelacion/solicitud.ts): no adapter ever gets
 * the private key. It relays the request and returns the SAT's answer for that UUID.
 *
 * How the PACs fit (../shared/docs/pac-protocols.md §1.6, §2.5):
 * - SW: `POST /cfdi33/cancel/xml`, multipart `xml` = `xmlFirmado`; `data.uuid[UUID]` is
 *   `codigo`, `data.acuse` the acuse. Never the `/cancel/csd` or `/cancel/pfx` routes.
 * - Finkok: `cancel_signature(xml = base64(xmlFirmado), store_pending)`; one UUID per call
 *   (Finkok refuses a whole request when one folio is not cancellable): `Folios/Folio`
 *   gives `EstatusUUID` → `codigo` and `EstatusCancelacion` → `estatusCancelacion`;
 *   `Acuse` is stored as received. Request-level incidences (708 SAT unreachable: retryable;
 *   711 certificate, 798/799 limits) are `StampError`s.
 * - The offline test PAC (test-pac/sat.ts) simulates the SAT itself.
 *
 * Contract: sending the same signed request again is harmless — the SAT answers `202`
 * (previously requested or cancelled) — so a request whose answer was lost to a timeout
 * is simply sent again.
 */
export { StampError as PacError } from './stamper.ts';

export interface SolicitudPac {
  rfcEmisor: string;
  uuid: string;
  motivo: string;
  folioSustitucion?: string;
  /** The signed SAT `Cancelacion` carrying this one Folio. */
  xmlFirmado: string;
}

export interface RespuestaPac {
  /** The SAT's code for the UUID: `201` requested, `202` previously requested/cancelled, `203`, `205`, … or `no_cancelable`. */
  codigo: string;
  mensaje: string;
  /** The SAT's EstatusCancelacion when the PAC reports it: `En proceso`, `Cancelado sin aceptación`, … */
  estatusCancelacion?: string;
  /** The acuse, byte for byte as the PAC returned it. */
  acuse?: string;
}

export interface Cancelador {
  /** Throws `PacError` for request-level failures (retryable: timeout, SAT unreachable). */
  cancelar(s: SolicitudPac): Promise<RespuestaPac>;
}

/** Namespace of the SAT's cancellation documents (the request and its acuse). */
export const NS_CANCELACION = 'http://cancelacfd.sat.gob.mx';

/**
 * The SAT's per-UUID answers to a cancellation request (../shared/docs/pac-protocols.md §0.3),
 * whichever PAC relays them; the text the client sees when a PAC sends only the code.
 */
export const RESPUESTAS_SAT: Readonly<Record<string, string>> = {
  '201': 'Solicitud de cancelación recibida',
  '202': 'UUID previamente cancelado o con solicitud en proceso',
  '203': 'El RFC del emisor no corresponde al del UUID',
  '204': 'UUID no aplicable para cancelación',
  '205': 'UUID no existe',
  '207': 'Motivo no válido',
  '208': 'Folio de sustitución no válido',
  '209': 'Folio de sustitución no requerido',
  '210': 'La fecha de solicitud es posterior al plazo para cancelar',
  '211': 'Fuera del plazo para cancelar (factura global)',
  '212': 'Relación no válida',
  no_cancelable: 'No cancelable: tiene CFDI relacionados vigentes',
};

/** A code the SAT gives per UUID (an answer to record), not a PAC's refusal of the request. */
export function esRespuestaSat(codigo: string): boolean {
  return /^2\d\d$/.test(codigo) || codigo === 'no_cancelable';
}

/** The SAT's answer for `codigo`, with the PAC's text when it sent one. */
export function respuestaSat(codigo: string, texto?: string, extra: Partial<RespuestaPac> = {}): RespuestaPac {
  const mensaje = texto?.trim().replace(/\.+$/, '') || RESPUESTAS_SAT[codigo] || `Código ${codigo} del SAT`;
  return { codigo, mensaje, ...extra };
}
