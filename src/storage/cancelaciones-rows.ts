/** Row mapping shared by the cancellation store adapters. */
import type { CancelacionRecord, Candidato } from './cancelaciones.ts';
import { compact, isoInstant } from './values.ts';

type Row = Record<string, any>;

export function toCancelacion(r: Row | undefined): CancelacionRecord | undefined {
  return r && compact<CancelacionRecord>({
    id: Number(r.id), empresaId: Number(r.empresa_id), cfdiId: Number(r.cfdi_id), uuid: r.uuid, motivo: r.motivo,
    folioSustitucion: r.folio_sustitucion, solicitud: r.solicitud, requiereAceptacion: Boolean(r.requiere_aceptacion),
    nextCheckAt: Number(r.next_check_at), estado: r.estado, codigo: r.codigo, mensaje: r.mensaje, estatusSat: r.estatus_sat,
    acuse: r.acuse, intentos: Number(r.intentos), ultimoError: r.ultimo_error, fechaCancelacion: r.fecha_cancelacion,
    efectosPendientes: Number(r.efectos) === 1,
    createdAt: isoInstant(r.created_at), updatedAt: isoInstant(r.updated_at),
  });
}

export function toCandidato(r: Row): Candidato {
  return {
    id: Number(r.id), uuid: r.uuid, tipoDeComprobante: r.tipo_de_comprobante, rfcEmisor: r.rfc_emisor,
    vigente: r.estado_cancelacion !== 'CANCELADO', xml: r.xml,
  };
}

/** The columns of an insert, in order. */
export const INSERT_COLUMNS = 'empresa_id, cfdi_id, uuid, motivo, folio_sustitucion, estado, solicitud, requiere_aceptacion, next_check_at, created_at, updated_at';
