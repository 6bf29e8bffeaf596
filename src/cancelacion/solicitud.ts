/**
 * The SAT's cancellation request (`Cancelacion`, namespace http://cancelacfd.sat.gob.mx,
 * ../shared/docs/pac-protocols.md §0.3), signed with the empresa's CSD. Only this signed
 * document goes to a PAC: the CSD's private key never leaves the service.
 *
 * One `Folios` per `Folio`, as the SAT's 2022 samples write it. The text is written in
 * canonical form (see sealing/xmldsig.ts), so what is digested is what is sent.
 */
import type { Csd } from '../sealing/csd.ts';
import { c14nAttr, firmarEnveloped } from '../sealing/xmldsig.ts';
import { NS_CANCELACION } from '../stamping/cancelador.ts';

export interface FolioCancelacion {
  uuid: string;
  /** c_Motivo: `01`–`04`. */
  motivo: string;
  /** Only with motivo `01`. */
  folioSustitucion?: string;
}

export interface Cancelacion {
  rfcEmisor: string;
  /** Local time of the request, `AAAA-MM-DDThh:mm:ss`. */
  fecha: string;
  folios: FolioCancelacion[];
}

/** The unsigned document, canonical. */
export function cancelacionXml(c: Cancelacion): string {
  const folios = c.folios.map((f) => {
    const sust = f.folioSustitucion ? ` FolioSustitucion="${c14nAttr(f.folioSustitucion)}"` : '';
    return `<Folios><Folio${sust} Motivo="${c14nAttr(f.motivo)}" UUID="${c14nAttr(f.uuid)}"></Folio></Folios>`;
  }).join('');
  return `<Cancelacion xmlns="${NS_CANCELACION}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
    + ` Fecha="${c14nAttr(c.fecha)}" RfcEmisor="${c14nAttr(c.rfcEmisor)}">${folios}</Cancelacion>`;
}

/** The request as sent to a PAC: XML declaration, then the signed canonical document. */
export function firmarCancelacion(c: Cancelacion, csd: Pick<Csd, 'cer' | 'privateKey'>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${firmarEnveloped(cancelacionXml(c), { cer: csd.cer, privateKey: csd.privateKey })}`;
}
