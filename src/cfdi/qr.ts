/**
 * The SAT verification expression printed as the QR code (Anexo 20, "Especificación
 * técnica del código de barras bidimensional"): the same id/re/rr/tt/fe data also
 * queries the SAT's status service.
 */
export interface QrData {
  uuid: string;
  rfcEmisor: string;
  rfcReceptor: string;
  total: string;
  sello: string;
}

const BASE = 'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx';

export function verificationUrl(d: QrData): string {
  // RFCs may hold `&` (e.g. H&E951128469): percent-encode so the URL stays parseable.
  const rfc = (s: string) => encodeURIComponent(s);
  return `${BASE}?id=${d.uuid}&re=${rfc(d.rfcEmisor)}&rr=${rfc(d.rfcReceptor)}&tt=${d.total}&fe=${d.sello.slice(-8)}`;
}
