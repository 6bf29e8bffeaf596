/**
 * The e-mail deliveries of a CFDI as clients and operators see them: the `correos` field
 * of the GET answer and `cfdi-async correos --uuid`.
 */
import type { Entrega } from '../../storage/notificaciones.ts';
import type { NotificacionesDeps } from '../deps.ts';
import type { DatosCorreo, ResultadoCorreo } from './enviar.ts';

export type EstadoCorreo = 'PENDIENTE' | 'ENVIADO' | 'FALLIDO';

/** One e-mail of a CFDI in the GET answer (every value a string or a list, like the seed's fields). */
export interface CorreoResumen {
  id: string;
  estado: EstadoCorreo;
  para: string[];
  cc: string[];
  intentos: number;
  /** When it was queued and when the server accepted it (ISO 8601 UTC; empty while not sent). */
  fecha: string;
  fechaEnvio: string;
  /** The SMTP server's last reply. */
  respuesta: string;
  /** Why it is not sent yet, or why it failed. */
  error: string;
  /** Recipients refused: by the server, or before sending (not an address). */
  rechazados: string[];
}

/** Deliveries per CFDI shown at most (re-sends included), newest kept. */
export const MAX_CORREOS = 20;

export function estadoCorreo(e: Pick<Entrega, 'estado'>): EstadoCorreo {
  return e.estado === 'entregada' ? 'ENVIADO' : e.estado === 'fallida' ? 'FALLIDO' : 'PENDIENTE';
}

export function resumen(e: Entrega): CorreoResumen {
  const datos = e.datos as DatosCorreo;
  const r = e.resultado as ResultadoCorreo | undefined;
  return {
    id: e.publicId,
    estado: estadoCorreo(e),
    para: datos.para,
    cc: datos.cc,
    intentos: e.intentos,
    fecha: e.createdAt,
    fechaEnvio: e.entregadaAt ?? '',
    respuesta: e.respuesta ?? '',
    error: e.estado === 'entregada' ? '' : e.ultimoError ?? '',
    rechazados: r?.rechazados ?? datos.invalidas,
  };
}

/** Oldest first. */
export async function correosDeCfdi(d: Pick<NotificacionesDeps, 'notificaciones'>, cfdiId: number): Promise<CorreoResumen[]> {
  const list = await d.notificaciones.listEntregas({ cfdiId, canal: 'correo', limit: MAX_CORREOS });
  return list.reverse().map(resumen);
}
