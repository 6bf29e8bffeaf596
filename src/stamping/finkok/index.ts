/**
 * Finkok (SOAP; ../shared/docs/pac-protocols.md §2): `stamp` with the base64 of the sealed
 * CFDI and the account's username and password in the body.
 *
 * "Timbre previo": a `stamp` of bytes stamped before answers incidence 307, with the
 * earlier `xml` or, right after the first stamp, without it. Then `stamped` (same bytes)
 * returns the earlier stamp, but may answer 603 for a few seconds: it is retried a bounded
 * number of times with a growing pause; if the stamp is still unknown the call fails as
 * retryable and the worker tries again later. `quick_stamp` never returns earlier data, so
 * it is never used.
 */
import { httpCall, TransportError, type HttpTimeouts } from '../../shared/http-client.ts';
import { escapeText } from '../../cfdi/xml/write.ts';
import { parseXml, type XNode } from '../../cfdi/xml/parse.ts';
import type { StampResult, Stamper } from '../stamper.ts';
import { clasificar, errorDelPac, resultadoDe, sinRespuesta } from '../clasificacion.ts';
import { TABLA_FINKOK } from './errores.ts';

export const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
export const NS_FINKOK_STAMP = 'http://facturacion.finkok.com/stamp';

export interface FinkokOptions {
  /** Base URL; the service paths (`/servicios/soap/stamp`) are appended. */
  url: string;
  usuario: string;
  password: string;
  produccion: boolean;
  timeouts: HttpTimeouts;
  /** `stamped` calls after a 307 without data (default 5), and the first pause between them. */
  recuperacion?: { intentos: number; pausaMs: number };
  sleep?: (ms: number) => Promise<void>;
}

const PAC = 'Finkok';

interface StampAnswer {
  xml?: string;
  uuid?: string;
  incidencias: Array<{ codigo: string; mensaje: string }>;
}

export function child(n: XNode | undefined, local: string): XNode | undefined {
  return n?.children.find((c) => c.local === local);
}

/** `{operation}Response/{operation}Result` of a SOAP answer; a fault or anything else is "no answer". */
export function resultadoSoap(body: string, operation: string): XNode {
  let root: XNode;
  try {
    root = parseXml(body);
  } catch {
    throw sinRespuesta(PAC, 'respuesta SOAP que no es XML');
  }
  const soapBody = root.ns === NS_SOAP && root.local === 'Envelope' ? child(root, 'Body') : undefined;
  const fault = child(soapBody, 'Fault');
  if (fault) throw sinRespuesta(PAC, `SOAP Fault: ${child(fault, 'faultstring')?.text.trim() ?? 'sin detalle'}`);
  const result = child(child(soapBody, `${operation}Response`), `${operation}Result`);
  if (!result) throw sinRespuesta(PAC, `respuesta sin ${operation}Result`);
  return result;
}

/**
 * One Finkok SOAP call: `operation` in namespace `ns` with `campos` (already escaped XML
 * elements, prefix `f:`) and the account's username and password, as every Finkok call takes them.
 */
export async function llamarFinkok(
  o: Pick<FinkokOptions, 'url' | 'usuario' | 'password' | 'timeouts'>, servicio: 'stamp' | 'cancel', ns: string, operation: string, campos: string,
): Promise<XNode> {
  const endpoint = `${o.url.replace(/\/+$/, '')}/servicios/soap/${servicio}`;
  const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="${NS_SOAP}" xmlns:f="${ns}">` +
    `<soapenv:Header/><soapenv:Body><f:${operation}>${campos}` +
    `<f:username>${escapeText(o.usuario)}</f:username><f:password>${escapeText(o.password)}</f:password>` +
    `</f:${operation}></soapenv:Body></soapenv:Envelope>`;
  let a;
  try {
    a = await httpCall(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation}"` },
      body: envelope,
      timeouts: o.timeouts,
    });
  } catch (e) {
    if (e instanceof TransportError) throw sinRespuesta(PAC, e.message);
    throw e;
  }
  // SOAP 1.1 faults come with HTTP 500 and are read as such; other statuses carry no answer.
  if (a.status !== 200 && a.status !== 500) throw sinRespuesta(PAC, `HTTP ${a.status}`);
  return resultadoSoap(a.body, operation);
}

/** Reads `stampResponse/stampResult` or `stampedResponse/stampedResult`. */
export function readStampAnswer(body: string, operation: 'stamp' | 'stamped'): StampAnswer {
  return stampAnswerOf(resultadoSoap(body, operation));
}

function stampAnswerOf(result: XNode): StampAnswer {
  const incidencias = (child(result, 'Incidencias')?.children ?? [])
    .filter((i) => i.local === 'Incidencia')
    .map((i) => ({ codigo: child(i, 'CodigoError')?.text.trim() ?? '', mensaje: child(i, 'MensajeIncidencia')?.text.trim() ?? '' }));
  const xml = child(result, 'xml')?.text.trim();
  const uuid = child(result, 'UUID')?.text.trim();
  return { xml: xml || undefined, uuid: uuid || undefined, incidencias };
}

export function createFinkokStamper(o: FinkokOptions): Stamper {
  const rec = o.recuperacion ?? { intentos: 5, pausaMs: 500 };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function call(operation: 'stamp' | 'stamped', sealedXml: string): Promise<StampAnswer> {
    const xml = `<f:xml>${Buffer.from(sealedXml, 'utf8').toString('base64')}</f:xml>`;
    return stampAnswerOf(await llamarFinkok(o, 'stamp', NS_FINKOK_STAMP, operation, xml));
  }

  function outcome(r: StampAnswer, sealedXml: string): StampResult | 'previo' {
    if (r.xml) return resultadoDe(PAC, r.xml, sealedXml, o.produccion);
    const inc = r.incidencias.find((i) => i.codigo);
    if (!inc) throw sinRespuesta(PAC, 'respuesta sin xml ni incidencia');
    if (clasificar(TABLA_FINKOK, inc.codigo) === 'timbre-previo') return 'previo';
    throw errorDelPac(TABLA_FINKOK, inc.codigo, inc.mensaje);
  }

  return {
    async stamp(sealedXml: string): Promise<StampResult> {
      const first = outcome(await call('stamp', sealedXml), sealedXml);
      if (first !== 'previo') return first;
      // 307 without the earlier xml: ask `stamped`, which may not know it for a few seconds (603).
      let pausa = rec.pausaMs;
      let ultimo = '307 sin xml';
      for (let i = 0; i < rec.intentos; i++) {
        if (i > 0) {
          await sleep(pausa);
          pausa *= 2;
        }
        const r = await call('stamped', sealedXml);
        if (r.xml) return resultadoDe(PAC, r.xml, sealedXml, o.produccion);
        const inc = r.incidencias.find((x) => x.codigo);
        if (inc && clasificar(TABLA_FINKOK, inc.codigo) === 'permanente') throw errorDelPac(TABLA_FINKOK, inc.codigo, inc.mensaje);
        ultimo = inc ? `${inc.codigo} ${inc.mensaje}` : 'stamped sin xml';
      }
      throw sinRespuesta(PAC, `timbre previo aún no recuperable tras ${rec.intentos} consultas (${ultimo}); se reintentará`);
    },
  };
}
