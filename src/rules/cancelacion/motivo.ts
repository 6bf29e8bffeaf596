/**
 * c_Motivo of the request: `01`–`04` (SAT answer 207 otherwise); FolioSustitucion is
 * required with `01` and must not be sent with the others (SAT 208/209).
 */
import { error, ok, type ReglaCancelacion } from './types.ts';

export const MOTIVOS: Readonly<Record<string, string>> = {
  '01': 'Comprobante emitido con errores con relación',
  '02': 'Comprobante emitido con errores sin relación',
  '03': 'No se llevó a cabo la operación',
  '04': 'Operación nominativa relacionada en una factura global',
};

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export const motivo: ReglaCancelacion = {
  code: 'CAN_MOTIVO',
  check(r) {
    if (!Object.hasOwn(MOTIVOS, r.motivo)) {
      return error('CAN_MOTIVO', `El motivo "${r.motivo}" no es una clave de c_Motivo (01, 02, 03 o 04) (SAT 207).`, r.motivo);
    }
    if (r.motivo === '01') {
      if (!r.folioSustitucion) return error('CAN_MOTIVO', 'El motivo 01 requiere folioSustitucion: el UUID del CFDI que sustituye al cancelado (SAT 208).');
      if (!UUID.test(r.folioSustitucion)) return error('CAN_MOTIVO', 'folioSustitucion no es un UUID (SAT 208).', r.folioSustitucion);
      if (r.folioSustitucion === r.cfdi.uuid) return error('CAN_MOTIVO', 'folioSustitucion no puede ser el mismo CFDI que se cancela (SAT 208).', r.folioSustitucion);
      return ok('CAN_MOTIVO');
    }
    if (r.folioSustitucion) {
      return error('CAN_MOTIVO', `folioSustitucion solo se envía con el motivo 01; el motivo ${r.motivo} no lo lleva (SAT 209).`, r.folioSustitucion);
    }
    return ok('CAN_MOTIVO');
  },
};
