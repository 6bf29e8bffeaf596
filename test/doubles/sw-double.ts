/**
 * A protocol-faithful SW Sapien double on loopback (../shared/docs/pac-protocols.md §1):
 * `POST /v2/security/authenticate` (JSON user/password → token with expires_in),
 * `POST /v4/cfdi33/stamp/v4` (Bearer token, multipart part `xml` text/xml, optional
 * `customid`), 307 with the earlier stamp in `data`, CFDI3307 for a repeated customid
 * with other bytes (`data.tfd` only), errors as `{message, messageDetail, data, status}`,
 * and the storage on the "api" host (`GET {api}/datawarehouse/v1/live/{uuid}` →
 * `records[0].urlXml`), and cancellation by the signed-XML route (`POST /cfdi33/cancel/xml`,
 * Bearer token, multipart part `xml` = the signed `Cancelacion`; the SAT behind it is the
 * core's simulated SAT; `{data: {acuse, uuid: {UUID: code}}, status: success}`). The api host is served under the prefix `/api-host`, so a test
 * proves the adapter used the right host. Whatever breaks the protocol is recorded in
 * `violaciones`.
 */
import { createServer, type Server } from 'node:http';
import { createPacCore, fallaTrasTimbrar, hashOf, readBody, violacionesCancelacion, type PacCore, type Timbrado } from './pac-core.ts';

export interface SwDouble {
  url: string;
  urlApi: string;
  core: PacCore;
  /** Every request: method, path, customid, whether it carried a valid token. */
  peticiones: Array<{ metodo: string; ruta: string; customid?: string }>;
  violaciones: string[];
  /** Tokens issued; `revocar()` invalidates them (the next stamp gets 401). */
  tokens: Set<string>;
  revocar(): void;
  /** 307 answers carry only `data.tfd` (the adapter must download the XML from storage). */
  previoSoloTfd: boolean;
  /** Next stamp answers: this code and message instead of stamping (classification tests). */
  respuestas: Array<{ http: number; message: string }>;
  /** Every cancel request received: the signed XML as sent. */
  cancelaciones: string[];
  /** Next cancel answers: this error instead of asking the SAT (classification tests). */
  respuestasCancelacion: Array<{ http: number; message: string }>;
  close(): Promise<void>;
}

const API = '/api-host';

export async function startSwDouble(o: { user?: string; password?: string; tokenTtlS?: number; clock?: () => Date } = {}): Promise<SwDouble> {
  const user = o.user ?? 'demo@cfdi-async.test';
  const password = o.password ?? 'clave-sw-ñ&<>';
  const core = await createPacCore({ clock: o.clock });
  const customids = new Map<string, Timbrado>();
  let n = 0;
  const d: SwDouble = {
    url: '',
    urlApi: '',
    core,
    peticiones: [],
    violaciones: [],
    tokens: new Set(),
    revocar() {
      d.tokens.clear();
    },
    previoSoloTfd: false,
    respuestas: [],
    cancelaciones: [],
    respuestasCancelacion: [],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  const error = (res: import('node:http').ServerResponse, status: number, message: string, data: unknown = null) =>
    json(res, status, { message, messageDetail: message, data, status: 'error' });

  function v4(t: Timbrado, cfdi = true) {
    const at = (k: string) => new RegExp(` ${k}="([^"]*)"`).exec(t.tfdXml)?.[1] ?? '';
    return {
      cfdi: cfdi ? t.xml : '', tfd: t.tfdXml, uuid: t.uuid, fechaTimbrado: at('FechaTimbrado'), selloSAT: at('SelloSAT'),
      selloCFDI: at('SelloCFD'), noCertificadoSAT: at('NoCertificadoSAT'), noCertificadoCFDI: '', cadenaOriginalSAT: '', qrCode: '',
    };
  }

  /** The multipart part `xml` (text/xml) of a stamp or cancel call; undefined (and a violation) otherwise. */
  function parteXml(contentType: string | undefined, body: Buffer, que: string): string | undefined {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(contentType))?.slice(1).find(Boolean);
    if (!String(contentType).startsWith('multipart/form-data') || !boundary) {
      d.violaciones.push(`${que} sin multipart/form-data`);
      return undefined;
    }
    const text = body.toString('utf8');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    const part = parts.find((p) => /Content-Disposition: form-data; name="xml"/i.test(p));
    if (!part || !/Content-Type: text\/xml/i.test(part) || !text.trimEnd().endsWith(`--${boundary}--`)) {
      d.violaciones.push(`${que} sin parte xml text/xml o multipart sin cierre`);
      return undefined;
    }
    return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      const customid = req.headers.customid as string | undefined;
      d.peticiones.push({ metodo: req.method ?? '', ruta: path, customid });
      const body = await readBody(req);
      if (req.method === 'POST' && path === '/v2/security/authenticate') {
        if (!String(req.headers['content-type']).startsWith('application/json')) d.violaciones.push('authenticate sin JSON');
        let b: { user?: string; password?: string } = {};
        try {
          b = JSON.parse(body.toString('utf8'));
        } catch {
          d.violaciones.push('authenticate: cuerpo no JSON');
        }
        if (b.user !== user || b.password !== password) return error(res, 401, 'AU2000 - El usuario y/o contraseña son inválidos, no se puede autenticar el servicio.');
        const token = `tok-${++n}-${Math.random().toString(36).slice(2)}`;
        d.tokens.add(token);
        return json(res, 200, { data: { token, expires_in: Math.floor(Date.now() / 1000) + (o.tokenTtlS ?? 7200) }, status: 'success' });
      }
      // urlXml is a download link of its own (no token), as SW's storage gives it.
      const dl = new RegExp(`^${API}/descargas/([0-9A-F-]{36})\\.xml$`).exec(path);
      if (req.method === 'GET' && dl) {
        const t = core.porUuid(dl[1]);
        return t ? res.writeHead(200, { 'Content-Type': 'text/xml' }).end(t.xml) : res.writeHead(404).end();
      }
      const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!auth || !d.tokens.has(auth)) return error(res, 401, 'AU4101 - El token proporcionado viene vacio o no es válido.');
      if (req.method === 'POST' && path === '/cfdi33/cancel/xml') {
        const xml = parteXml(req.headers['content-type'], body, 'cancel');
        if (xml === undefined) return error(res, 400, '301. XML mal formado.');
        d.cancelaciones.push(xml);
        violacionesCancelacion(xml, d.violaciones);
        const forced = d.respuestasCancelacion.shift();
        if (forced) return error(res, forced.http, forced.message, null);
        if (core.siguienteFalla() === 'error500') return res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
        const uuid = /<Folio\s[^>]*UUID="([^"]*)"/.exec(xml)?.[1] ?? '';
        const r = await core.sat.cancelador.cancelar({ rfcEmisor: '', uuid, motivo: '', xmlFirmado: xml });
        return json(res, 200, { data: { acuse: r.acuse ?? '', uuid: { [uuid]: r.codigo } }, status: 'success' });
      }
      if (req.method === 'POST' && path === '/v4/cfdi33/stamp/v4') {
        const xml = parteXml(req.headers['content-type'], body, 'stamp');
        if (xml === undefined) return error(res, 400, '301. XML mal formado.');
        if (customid !== undefined && (customid.length === 0 || customid.length > 100)) d.violaciones.push(`customid de ${customid.length} caracteres`);
        const forced = d.respuestas.shift();
        if (forced) return error(res, forced.http, forced.message, null);
        const falla = core.siguienteFalla();
        if (falla === 'error500') return res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
        // A customid already used with other bytes: the first stamp, nothing new stamped.
        const first = customid ? customids.get(customid) : undefined;
        if (first && first.hash !== hashOf(xml)) {
          return error(res, 400, 'CFDI3307 - Timbre duplicado. El customId proporcionado está duplicado.', { tfd: first.tfdXml, cfdi: '' });
        }
        const r = await core.timbrar(xml);
        if (r.tipo !== 'error' && customid && !first) customids.set(customid, r.t);
        if (fallaTrasTimbrar(falla, res)) return;
        if (r.tipo === 'error') {
          const sep = /^\d{3}$/.test(r.codigo) && r.codigo.startsWith('3') ? '.' : ' -';
          return error(res, 400, `${r.codigo}${sep} ${r.mensaje}.`);
        }
        if (falla === 'previo-sin-datos') return error(res, 400, '307. El comprobante contiene un timbre previo.', null);
        if (r.tipo === 'previo') return error(res, 400, '307. El comprobante contiene un timbre previo.', d.previoSoloTfd ? { tfd: r.t.tfdXml } : v4(r.t));
        return json(res, 200, { data: v4(r.t), status: 'success' });
      }
      const live = new RegExp(`^${API}/datawarehouse/v1/live/([0-9A-Fa-f-]{36})$`).exec(path);
      if ((req.method === 'GET' || req.method === 'POST') && live) {
        const t = core.porUuid(live[1].toUpperCase());
        return json(res, 200, { data: { records: t ? [{ uuid: t.uuid, urlXml: `${d.urlApi}/descargas/${t.uuid}.xml` }] : [] }, status: 'success' });
      }
      d.violaciones.push(`ruta desconocida ${req.method} ${path}`);
      return error(res, 404, 'Ruta no encontrada');
    })().catch((e) => {
      d.violaciones.push(`el double falló: ${(e as Error).message}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  d.url = `http://127.0.0.1:${port}`;
  d.urlApi = `http://127.0.0.1:${port}${API}`;
  // The same credentials a test configures.
  Object.assign(d, { user, password });
  return d;
}

