/**
 * The SAT's public status service, ConsultaCFDIService (SOAP 1.1, no authentication;
 * ../shared/docs/pac-protocols.md §0.4): `Consulta(expresionImpresa)` with the QR
 * expression `?re=…&rr=…&tt=…&id=…[&fe=…]` → `ConsultaResult` (CodigoEstatus, Estado,
 * EsCancelable, EstatusCancelacion, ValidacionEFOS). The URL is configurable
 * (CFDI_SAT_ESTADO_URL): production, the SAT's test host, or a double.
 */
import { httpCall, TransportError, type HttpTimeouts } from '../../shared/http-client.ts';
import { escapeText } from '../../cfdi/xml/write.ts';
import { parseXml, type XNode } from '../../cfdi/xml/parse.ts';
import type { ConsultaEstado, EstadoCfdi, EstadoSat } from '../port.ts';

export const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_TEMPURI = 'http://tempuri.org/';
export const SOAP_ACTION = 'http://tempuri.org/IConsultaCFDIService/Consulta';

/** The SAT did not answer usably (unreachable, timeout, fault, unknown shape). */
export class EstadoSatError extends Error {
  override name = 'EstadoSatError';
}

/** The QR expression the service expects. */
export function expresionImpresa(q: ConsultaEstado): string {
  const fe = q.sello8 ? `&fe=${q.sello8}` : '';
  return `?re=${q.rfcEmisor}&rr=${q.rfcReceptor}&tt=${q.total}&id=${q.uuid}${fe}`;
}

function child(n: XNode | undefined, local: string): XNode | undefined {
  return n?.children.find((c) => c.local === local);
}

export function readConsultaResult(body: string): EstadoCfdi {
  let root: XNode;
  try {
    root = parseXml(body);
  } catch (e) {
    throw new EstadoSatError(`respuesta del SAT que no es XML: ${(e as Error).message}`);
  }
  const b = root.ns === NS_SOAP && root.local === 'Envelope' ? child(root, 'Body') : undefined;
  const fault = child(b, 'Fault');
  if (fault) throw new EstadoSatError(`SOAP Fault del SAT: ${child(fault, 'faultstring')?.text.trim() ?? 'sin detalle'}`);
  const r = child(child(b, 'ConsultaResponse'), 'ConsultaResult');
  if (!r) throw new EstadoSatError('respuesta del SAT sin ConsultaResult');
  const v = (k: string) => child(r, k)?.text.trim() ?? '';
  const codigoEstatus = v('CodigoEstatus');
  if (!codigoEstatus) throw new EstadoSatError('respuesta del SAT sin CodigoEstatus');
  const out: EstadoCfdi = { codigoEstatus, estado: v('Estado'), esCancelable: v('EsCancelable'), estatusCancelacion: v('EstatusCancelacion') };
  const efos = v('ValidacionEFOS');
  if (efos) out.validacionEFOS = efos;
  return out;
}

export function createConsultaCfdi(o: { url: string; timeouts: HttpTimeouts }): EstadoSat {
  return {
    async consultar(q) {
      const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="${NS_SOAP}" xmlns:tem="${NS_TEMPURI}">` +
        `<soapenv:Header/><soapenv:Body><tem:Consulta><tem:expresionImpresa>${escapeText(expresionImpresa(q))}</tem:expresionImpresa>` +
        `</tem:Consulta></soapenv:Body></soapenv:Envelope>`;
      let a;
      try {
        a = await httpCall(o.url, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${SOAP_ACTION}"` },
          body: envelope,
          timeouts: o.timeouts,
        });
      } catch (e) {
        if (e instanceof TransportError) throw new EstadoSatError(`el SAT no respondió: ${e.message}`);
        throw e;
      }
      if (a.status !== 200 && a.status !== 500) throw new EstadoSatError(`el SAT respondió HTTP ${a.status}`);
      return readConsultaResult(a.body);
    },
  };
}
