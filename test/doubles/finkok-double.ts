/**
 * A protocol-faithful Finkok double on loopback (../shared/docs/pac-protocols.md §2):
 * SOAP 1.1 at `/servicios/soap/stamp`, operations `stamp` and `stamped` in namespace
 * `http://facturacion.finkok.com/stamp` with `xml` (base64 of the sealed CFDI),
 * `username` and `password`; answers `stampResult`/`stampedResult` whose fields are in
 * `apps.services.soap.core.views` (xml, UUID, Fecha, CodEstatus, SatSeal,
 * NoCertificadoSAT, Incidencias/Incidencia). The documented quirks: a repeated `stamp`
 * answers incidence 307 with an EMPTY xml while the first stamp is fresh, and `stamped`
 * answers 603 during that window (`ventanaMs`). `quick_stamp` is a protocol violation
 * here: the adapter must never use it for recovery.
 *
 * Cancellation: SOAP `cancel_signature` at `/servicios/soap/cancel` (namespace
 * `http://facturacion.finkok.com/cancel`; `xml` = base64 of the signed `Cancelacion`,
 * `username`, `password`, `store_pending`), answered by the core's simulated SAT in
 * `cancel_signatureResult`: `Folios/Folio` (`EstatusCancelacion`, `EstatusUUID`, `UUID`),
 * `Acuse`, `Fecha`, `RfcEmisor`, `CodEstatus`; request-level codes (708, 711, 798, 799)
 * in `CodEstatus` without Folios. `cancel` and `sign_cancel` (they carry the private
 * key) are violations.
 */
import { createServer, type Server } from 'node:http';
import { parseXml, type XNode } from '../../src/cfdi/xml/parse.ts';
import { escapeText } from '../../src/cfdi/xml/write.ts';
import { createPacCore, fallaTrasTimbrar, hashOf, readBody, violacionesCancelacion, type PacCore, type Timbrado } from './pac-core.ts';

const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS_STAMP = 'http://facturacion.finkok.com/stamp';
const NS_CANCEL = 'http://facturacion.finkok.com/cancel';

export interface FinkokDouble {
  url: string;
  core: PacCore;
  usuario: string;
  password: string;
  peticiones: Array<{ operacion: string }>;
  violaciones: string[];
  /** How long after a stamp `stamp` answers 307 without xml and `stamped` answers 603. */
  ventanaMs: number;
  /** Next stamp answers: this incidence instead of stamping (classification tests). */
  incidencias: Array<{ codigo: string; mensaje: string }>;
  /** Every `cancel_signature` received: the signed XML (decoded) and store_pending. */
  cancelaciones: Array<{ xml: string; storePending: string }>;
  /** Next cancel answers: this `CodEstatus` without Folios instead of asking the SAT. */
  codigosCancelacion: string[];
  close(): Promise<void>;
}

function envelope(op: string, inner: string, ns = NS_STAMP): string {
  return `<?xml version='1.0' encoding='UTF-8'?>\n<senv:Envelope xmlns:senv="${NS_SOAP}" xmlns:tns="${ns}" xmlns:s0="apps.services.soap.core.views">` +
    `<senv:Body><tns:${op}Response><tns:${op}Result>${inner}</tns:${op}Result></tns:${op}Response></senv:Body></senv:Envelope>`;
}

function incidencia(codigo: string, mensaje: string): string {
  return `<s0:xml></s0:xml><s0:Incidencias><s0:Incidencia><s0:IdIncidencia>ID_incidencia</s0:IdIncidencia><s0:Uuid></s0:Uuid>` +
    `<s0:CodigoError>${escapeText(codigo)}</s0:CodigoError><s0:WorkProcessId>WorkProcessId</s0:WorkProcessId>` +
    `<s0:MensajeIncidencia>${escapeText(mensaje)}</s0:MensajeIncidencia><s0:ExtraInfo></s0:ExtraInfo><s0:NoCertificadoPac></s0:NoCertificadoPac>` +
    `<s0:FechaRegistro>2026-11-23T12:00:00</s0:FechaRegistro></s0:Incidencia></s0:Incidencias>`;
}

function exito(t: Timbrado, cod: string): string {
  const at = (k: string) => new RegExp(` ${k}="([^"]*)"`).exec(t.tfdXml)?.[1] ?? '';
  return `<s0:xml>${escapeText(t.xml)}</s0:xml><s0:UUID>${t.uuid}</s0:UUID><s0:Fecha>${at('FechaTimbrado')}</s0:Fecha>` +
    `<s0:CodEstatus>${cod}</s0:CodEstatus><s0:SatSeal>${at('SelloSAT')}</s0:SatSeal><s0:NoCertificadoSAT>${at('NoCertificadoSAT')}</s0:NoCertificadoSAT>`;
}

export async function startFinkokDouble(o: { usuario?: string; password?: string; ventanaMs?: number; clock?: () => Date } = {}): Promise<FinkokDouble> {
  const core = await createPacCore({ clock: o.clock });
  const d: FinkokDouble = {
    url: '',
    core,
    usuario: o.usuario ?? 'timbrado@cfdi-async.test',
    password: o.password ?? 'clave-finkok-ñ&<>',
    peticiones: [],
    violaciones: [],
    ventanaMs: o.ventanaMs ?? 0,
    incidencias: [],
    cancelaciones: [],
    codigosCancelacion: [],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const soap = (res: import('node:http').ServerResponse, op: string, inner: string) =>
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(envelope(op, inner));
  const fault = (res: import('node:http').ServerResponse, text: string) =>
    res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(`<?xml version='1.0' encoding='UTF-8'?>\n<senv:Envelope xmlns:senv="${NS_SOAP}"><senv:Body><senv:Fault><faultcode>senv:Client</faultcode><faultstring>${escapeText(text)}</faultstring></senv:Fault></senv:Body></senv:Envelope>`);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = (await readBody(req)).toString('utf8');
      const servicio = req.url === '/servicios/soap/stamp' ? NS_STAMP : req.url === '/servicios/soap/cancel' ? NS_CANCEL : undefined;
      if (req.method !== 'POST' || !servicio) {
        d.violaciones.push(`ruta desconocida ${req.method} ${req.url}`);
        return res.writeHead(404).end();
      }
      if (!String(req.headers['content-type']).startsWith('text/xml')) d.violaciones.push('sin Content-Type text/xml');
      let root: XNode;
      try {
        root = parseXml(body);
      } catch (e) {
        d.violaciones.push(`sobre SOAP no es XML: ${(e as Error).message}`);
        return fault(res, 'XML mal formado');
      }
      const op = root.ns === NS_SOAP && root.local === 'Envelope'
        ? root.children.find((c) => c.ns === NS_SOAP && c.local === 'Body')?.children[0] : undefined;
      if (!op || op.ns !== servicio) {
        d.violaciones.push(`sin Envelope/Body/operación en el namespace de ${req.url}`);
        return fault(res, 'Operación desconocida');
      }
      d.peticiones.push({ operacion: op.local });
      if (String(req.headers.soapaction).replace(/"/g, '') !== op.local) d.violaciones.push(`SOAPAction ${req.headers.soapaction} para ${op.local}`);
      if (op.local === 'quick_stamp') d.violaciones.push('quick_stamp usado');
      if (op.local === 'cancel' || op.local === 'sign_cancel') d.violaciones.push(`${op.local} usado (lleva la llave privada)`);
      const field = (k: string) => op.children.find((c) => c.ns === servicio && c.local === k)?.text ?? '';
      const b64 = field('xml');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) d.violaciones.push('xml no es base64');
      const xml = Buffer.from(b64, 'base64').toString('utf8');
      if (servicio === NS_CANCEL) {
        if (op.local !== 'cancel_signature') return fault(res, `Operación ${op.local} no soportada por el double`);
        const cancelacion = (inner: string) => res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(envelope('cancel_signature', inner, NS_CANCEL));
        if (field('username') !== d.usuario || field('password') !== d.password) return cancelacion('<s0:CodEstatus>300 Usuario y contraseña inválidos</s0:CodEstatus>');
        d.cancelaciones.push({ xml, storePending: field('store_pending') });
        violacionesCancelacion(xml, d.violaciones);
        const forced = d.codigosCancelacion.shift();
        if (forced !== undefined) return cancelacion(`<s0:CodEstatus>${escapeText(forced)}</s0:CodEstatus>`);
        const uuid = /<Folio\s[^>]*UUID="([^"]*)"/.exec(xml)?.[1] ?? '';
        const rfc = /<Cancelacion\s[^>]*RfcEmisor="([^"]*)"/.exec(xml)?.[1] ?? '';
        const r = await core.sat.cancelador.cancelar({ rfcEmisor: rfc, uuid, motivo: '', xmlFirmado: xml });
        return cancelacion(`<s0:Folios><s0:Folio><s0:EstatusCancelacion>${escapeText(r.estatusCancelacion ?? '')}</s0:EstatusCancelacion>` +
          `<s0:EstatusUUID>${escapeText(r.codigo)}</s0:EstatusUUID><s0:UUID>${uuid}</s0:UUID></s0:Folio></s0:Folios>` +
          `<s0:Acuse>${escapeText(r.acuse ?? '')}</s0:Acuse><s0:Fecha>2026-11-23T12:00:00</s0:Fecha><s0:RfcEmisor>${rfc}</s0:RfcEmisor><s0:CodEstatus></s0:CodEstatus>`);
      }
      if (op.local !== 'stamp' && op.local !== 'stamped') return fault(res, `Operación ${op.local} no soportada por el double`);
      if (field('username') !== d.usuario || field('password') !== d.password) return soap(res, op.local, incidencia('300', 'Usuario y contraseña inválidos'));
      if (op.local === 'stamped') {
        const t = core.timbrados.get(hashOf(xml));
        if (!t || Date.now() - t.at < d.ventanaMs) return soap(res, 'stamped', incidencia('603', 'El CFDI no contiene un timbre previo'));
        return soap(res, 'stamped', exito(t, 'Comprobante timbrado previamente'));
      }
      const forced = d.incidencias.shift();
      if (forced) return soap(res, 'stamp', incidencia(forced.codigo, forced.mensaje));
      const falla = core.siguienteFalla();
      if (falla === 'error500') return res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
      const r = await core.timbrar(xml);
      if (fallaTrasTimbrar(falla, res)) return;
      if (r.tipo === 'error') return soap(res, 'stamp', incidencia(r.codigo, r.mensaje));
      if (falla === 'previo-sin-datos' || (r.tipo === 'previo' && Date.now() - r.t.at < d.ventanaMs)) {
        return soap(res, 'stamp', incidencia('307', 'El CFDI contiene un timbre previo'));
      }
      if (r.tipo === 'previo') return soap(res, 'stamp', exito(r.t, 'Comprobante timbrado previamente') + incidencia('307', 'El CFDI contiene un timbre previo').replace('<s0:xml></s0:xml>', ''));
      return soap(res, 'stamp', exito(r.t, 'Comprobante timbrado satisfactoriamente'));
    })().catch((e) => {
      d.violaciones.push(`el double falló: ${(e as Error).message}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  d.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return d;
}
