/** Signed cancellation requests for the PAC cancel tests (the service's own signer, a test CSD). */
import { firmarCancelacion } from '../../src/cancelacion/solicitud.ts';
import { localFecha } from '../../src/cfdi/fecha.ts';
import type { Csd } from '../../src/sealing/csd.ts';
import type { SolicitudPac } from '../../src/stamping/cancelador.ts';

export function solicitud(csd: Csd, uuid: string, motivo = '02', folioSustitucion?: string): SolicitudPac {
  const rfcEmisor = 'EKU9003173C9';
  const xmlFirmado = firmarCancelacion({
    rfcEmisor, fecha: localFecha(new Date(), 'America/Mexico_City'), folios: [{ uuid, motivo, ...(folioSustitucion ? { folioSustitucion } : {}) }],
  }, csd);
  return { rfcEmisor, uuid, motivo, folioSustitucion, xmlFirmado };
}
