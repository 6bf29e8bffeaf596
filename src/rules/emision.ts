/**
 * What a PAC refuses before looking at the SAT matrix, checked by us first so the
 * client gets a clear error and no folio is assigned (issue 10):
 * - Fecha ahead of the clock, or more than 72 hours old (PAC code 401), read in the
 *   time zone of the LugarExpedicion;
 * - TipoDeComprobante P without its Pagos 2.0 complement (pago20:Pagos).
 *
 * Pure: the clock is passed in. Not part of `validate` (a CFDI issued long ago is
 * still valid; only issuing one now has these limits).
 */
import type { Comprobante } from '../cfdi/model.ts';
import { FECHA_MAX_ADELANTO_MS, fechaFueraDeRango, localFecha, timeZoneOfCodigoPostal } from '../cfdi/fecha.ts';
import { NS_PAGOS20 } from '../cfdi/xml/namespaces.ts';
import { localName } from './helpers.ts';

export interface EmisionError {
  code: 'GEN_FECHA_FUTURA' | 'GEN_FECHA_VENCIDA' | 'GEN_PAGOS_SIN_COMPLEMENTO';
  message: string;
}

export function checkEmision(c: Comprobante, now: Date): EmisionError[] {
  const errors: EmisionError[] = [];
  const fuera = fechaFueraDeRango(c.Fecha, c.LugarExpedicion, now);
  if (fuera) {
    const ahora = localFecha(now, timeZoneOfCodigoPostal(c.LugarExpedicion));
    const donde = `la hora local del LugarExpedicion ${c.LugarExpedicion} es ${ahora}`;
    errors.push(
      fuera.problema === 'futura'
        ? { code: 'GEN_FECHA_FUTURA', message: `Comprobante@Fecha "${c.Fecha}" es posterior a la fecha y hora actual (${donde}; se toleran ${FECHA_MAX_ADELANTO_MS / 60_000} minutos); el PAC la rechaza (401)` }
        : { code: 'GEN_FECHA_VENCIDA', message: `Comprobante@Fecha "${c.Fecha}" tiene más de 72 horas (${donde}); el PAC la rechaza (401)` },
    );
  }
  if (c.TipoDeComprobante === 'P' && !tienePagos20(c)) {
    errors.push({
      code: 'GEN_PAGOS_SIN_COMPLEMENTO',
      message: 'TipoDeComprobante "P" (recepción de pagos) requiere el complemento Pagos 2.0 (pago20:Pagos), que el documento no trae',
    });
  }
  return errors;
}

function tienePagos20(c: Comprobante): boolean {
  return (c.Complemento?.otros ?? []).some((e) => e.ns === NS_PAGOS20 && localName(e.name) === 'Pagos');
}
