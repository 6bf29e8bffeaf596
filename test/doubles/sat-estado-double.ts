/**
 * The SAT's ConsultaCFDIService on loopback (../shared/docs/pac-protocols.md §0.4): SOAP 1.1
 * POST with SOAPAction `http://tempuri.org/IConsultaCFDIService/Consulta` and
 * `Consulta/expresionImpresa` in namespace `http://tempuri.org/`; answers `ConsultaResult`
 * with its fields in the SAT's data-contract namespace, as the service writes them.
 * Known CFDIs are registered by UUID; others are asked of `fuente` (a PAC double's simulated
 * SAT, so a cancellation through that PAC shows here) or answer `N - 602: Comprobante no encontrado.`
 */
import { createServer, type Server } from 'node:http';
import { parseXml } from '../../src/cfdi/xml/parse.ts';
import { escapeText } from '../../src/cfdi/xml/write.ts';
import { readBody } from './pac-core.ts';
import type { EstadoCfdi, EstadoSat } from '../../src/sat-estado/port.ts';

export interface SatEstadoDouble {
  url: string;
  /** By UUID: the answer and the expression the caller must send. */
  cfdis: Map<string, { estado: EstadoCfdi; expresion?: string }>;
  expresiones: string[];
  violaciones: string[];
  /** Answer every call with a SOAP fault (the SAT having a bad day). */
  caido: boolean;
  close(): Promise<void>;
}

const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

export async function startSatEstadoDouble(o: { fuente?: EstadoSat } = {}): Promise<SatEstadoDouble> {
  const d: SatEstadoDouble = {
    url: '', cfdis: new Map(), expresiones: [], violaciones: [], caido: false,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = (await readBody(req)).toString('utf8');
      if (String(req.headers.soapaction) !== '"http://tempuri.org/IConsultaCFDIService/Consulta"') d.violaciones.push(`SOAPAction ${req.headers.soapaction}`);
      if (!String(req.headers['content-type']).startsWith('text/xml')) d.violaciones.push('sin text/xml');
      const root = parseXml(body);
      const op = root.children.find((c) => c.ns === NS_SOAP && c.local === 'Body')?.children[0];
      const expr = op?.ns === 'http://tempuri.org/' && op.local === 'Consulta'
        ? op.children.find((c) => c.ns === 'http://tempuri.org/' && c.local === 'expresionImpresa')?.text : undefined;
      if (expr === undefined) d.violaciones.push('sin Consulta/expresionImpresa');
      d.expresiones.push(expr ?? '');
      if (d.caido) {
        return res.writeHead(500, { 'Content-Type': 'text/xml' }).end(`<s:Envelope xmlns:s="${NS_SOAP}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Servicio no disponible</faultstring></s:Fault></s:Body></s:Envelope>`);
      }
      const id = /[?&]id=([^&]+)/.exec(expr ?? '')?.[1]?.toUpperCase() ?? '';
      const known = d.cfdis.get(id);
      if (known?.expresion !== undefined && known.expresion !== expr) d.violaciones.push(`expresión ${expr} en lugar de ${known.expresion}`);
      const q = (k: string) => new RegExp(`[?&]${k}=([^&]*)`).exec(expr ?? '')?.[1] ?? '';
      const e: EstadoCfdi = known?.estado ?? (o.fuente && await o.fuente.consultar({ rfcEmisor: q('re'), rfcReceptor: q('rr'), total: q('tt'), uuid: id })) ?? { codigoEstatus: 'N - 602: Comprobante no encontrado.', estado: 'No Encontrado', esCancelable: '', estatusCancelacion: '' };
      const f = (k: string, v: string) => (v ? `<a:${k}>${escapeText(v)}</a:${k}>` : `<a:${k}/>`);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(
        `<s:Envelope xmlns:s="${NS_SOAP}"><s:Body><ConsultaResponse xmlns="http://tempuri.org/"><ConsultaResult ` +
        `xmlns:a="http://schemas.datacontract.org/2004/07/Sat.Cfdi.Negocio.ConsultaCfdi.Servicio" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
        f('CodigoEstatus', e.codigoEstatus) + f('EsCancelable', e.esCancelable) + f('Estado', e.estado) + f('EstatusCancelacion', e.estatusCancelacion) +
        f('ValidacionEFOS', e.validacionEFOS ?? '200') + `</ConsultaResult></ConsultaResponse></s:Body></s:Envelope>`);
    })().catch((e) => {
      d.violaciones.push(`el double falló: ${(e as Error).message}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  d.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/ConsultaCFDIService.svc`;
  return d;
}
