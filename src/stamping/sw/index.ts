/**
 * SW Sapien (REST; ../shared/docs/pac-protocols.md §1): the client seals, SW stamps.
 *
 * - Auth: `POST /v2/security/authenticate` {user, password} → token, cached until shortly
 *   before `expires_in` and dropped on an HTTP 401 (one re-authentication per call); an
 *   account token given by the operator is used as is.
 * - Stamp: `POST /v4/cfdi33/stamp/v4`, multipart part `xml`, header `customid` = the
 *   request's key (stable across retries), so SW itself refuses a second UUID for it.
 * - `307` (same XML stamped before) and `CFDI3307` (same customid) are the earlier stamp:
 *   `data.cfdi` when SW sends it, else the UUID of `data.tfd` and the XML from storage
 *   (`GET {api}/datawarehouse/v1/live/{uuid}` → `urlXml`).
 * - Codes are classified by ./errores.ts; no answer at all is retryable.
 */
import { randomBytes } from 'node:crypto';
import { httpCall, TransportError, type HttpAnswer, type HttpTimeouts } from '../../shared/http-client.ts';
import { parseXml } from '../../cfdi/xml/parse.ts';
import { readTfd } from '../../cfdi/xml/read.ts';
import { NS_TFD } from '../../cfdi/xml/namespaces.ts';
import { StampError, type StampOptions, type StampResult, type Stamper } from '../stamper.ts';
import { clasificar, errorDelPac, resultadoDe, sinRespuesta } from '../clasificacion.ts';
import { TABLA_SW } from './errores.ts';

export interface SwOptions {
  url: string;
  urlApi: string;
  usuario?: string;
  password?: string;
  /** A long-lived account token (instead of user and password). */
  token?: string;
  produccion: boolean;
  timeouts: HttpTimeouts;
  clock?: () => Date;
}

export interface SwEnvelope {
  status?: string;
  message?: string;
  messageDetail?: string;
  data?: Record<string, unknown> | null;
}

const PAC = 'SW Sapien';

export function envelope(a: HttpAnswer): SwEnvelope | undefined {
  try {
    const v = JSON.parse(a.body) as unknown;
    return v && typeof v === 'object' ? (v as SwEnvelope) : undefined;
  } catch {
    return undefined;
  }
}

/** `307. El comprobante…` → ['307', 'El comprobante…']. */
export function codigoSw(message: string): { codigo: string; texto: string } | undefined {
  const m = /^\s*([A-Z]*\d+)\s*[.\-:]?\s*(.*)$/s.exec(message);
  return m ? { codigo: m[1], texto: m[2] } : undefined;
}

export interface SwSesion {
  /** One HTTP call; no answer at all is a retryable `sinRespuesta`. */
  call(url: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer }): Promise<HttpAnswer>;
  token(): Promise<string>;
  /** POSTs `xml` as the multipart part `xml` with the Bearer token; a 401 authenticates again, once. */
  postXml(path: string, xml: string, headers?: Record<string, string>): Promise<HttpAnswer>;
}

/** SW's transport and token cache, shared by the stamper and the cancelador. */
export function createSwSesion(o: SwOptions): SwSesion {
  const clock = o.clock ?? (() => new Date());
  const base = o.url.replace(/\/+$/, '');
  let cached: { token: string; until: number } | undefined;

  async function call(url: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer }): Promise<HttpAnswer> {
    try {
      return await httpCall(url, { ...init, timeouts: o.timeouts });
    } catch (e) {
      if (e instanceof TransportError) throw sinRespuesta(PAC, e.message);
      throw e;
    }
  }

  async function token(): Promise<string> {
    if (o.token) return o.token;
    if (cached && cached.until > clock().getTime()) return cached.token;
    if (!o.usuario || !o.password) throw new StampError('300', 'SW Sapien: faltan usuario y contraseña o token (cfdi-async pac set)', true);
    const a = await call(`${base}/v2/security/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: o.usuario, password: o.password }),
    });
    const e = envelope(a);
    const t = e?.data && typeof e.data.token === 'string' ? e.data.token : undefined;
    if (a.status !== 200 || !t) {
      // Bad credentials are the operator's to fix; the CFDI waits for them (retryable).
      throw new StampError('300', `SW Sapien: autenticación rechazada (HTTP ${a.status}${e?.message ? `: ${e.message}` : ''})`, true);
    }
    const exp = Number(e?.data?.expires_in);
    // expires_in is an epoch in seconds in SW's answers; a small number is a lifetime.
    const untilMs = Number.isFinite(exp) && exp > 0 ? (exp > 1e9 ? exp * 1000 : clock().getTime() + exp * 1000) : clock().getTime() + 3_600_000;
    cached = { token: t, until: untilMs - 60_000 };
    return t;
  }

  async function postXml(path: string, xml: string, extra: Record<string, string> = {}, retryAuth = true): Promise<HttpAnswer> {
    const boundary = `----cfdi-async-${randomBytes(12).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="xml"; filename="xml"\r\nContent-Type: text/xml\r\n\r\n`, 'utf8'),
      Buffer.from(xml, 'utf8'),
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await token()}`,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      ...extra,
    };
    const a = await call(`${base}${path}`, { method: 'POST', headers, body });
    if (a.status === 401 && retryAuth && !o.token) {
      cached = undefined; // expired or revoked: authenticate again, once
      return postXml(path, xml, extra, false);
    }
    return a;
  }

  return { call, token, postXml };
}

export function createSwStamper(o: SwOptions): Stamper {
  const api = o.urlApi.replace(/\/+$/, '');
  const { call, token, postXml } = createSwSesion(o);

  /** The earlier stamp of a 307/CFDI3307: data.cfdi, else the XML from storage by UUID. */
  async function timbrePrevio(e: SwEnvelope, sealedXml: string, codigo: string): Promise<StampResult> {
    const d = e.data ?? {};
    const otroSello = codigo === 'CFDI3307';
    if (typeof d.cfdi === 'string' && d.cfdi.length > 0) return resultadoDe(PAC, d.cfdi, sealedXml, o.produccion, otroSello);
    let uuid = typeof d.uuid === 'string' ? d.uuid : undefined;
    if (!uuid && typeof d.tfd === 'string' && d.tfd.length > 0) {
      try {
        const n = parseXml(d.tfd);
        if (n.ns === NS_TFD && n.local === 'TimbreFiscalDigital') uuid = readTfd(n).UUID;
      } catch {
        uuid = undefined;
      }
    }
    if (!uuid) throw sinRespuesta(PAC, `${codigo} sin timbre en data; se reintentará`);
    const a = await call(`${api}/datawarehouse/v1/live/${encodeURIComponent(uuid)}`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${await token()}` },
    });
    const s = envelope(a);
    const records = (s?.data as { records?: Array<{ urlXml?: unknown }> } | undefined)?.records;
    const urlXml = Array.isArray(records) && typeof records[0]?.urlXml === 'string' ? records[0].urlXml : undefined;
    if (a.status !== 200 || !urlXml) throw sinRespuesta(PAC, `el almacenamiento aún no tiene el CFDI ${uuid} (HTTP ${a.status}); se reintentará`);
    const x = await call(urlXml, { method: 'GET' });
    if (x.status !== 200) throw sinRespuesta(PAC, `descarga del CFDI ${uuid}: HTTP ${x.status}`);
    return resultadoDe(PAC, x.body.replace(/^\uFEFF/, ''), sealedXml, o.produccion, otroSello);
  }

  return {
    async stamp(sealedXml: string, so?: StampOptions): Promise<StampResult> {
      const a = await postXml('/v4/cfdi33/stamp/v4', sealedXml, so?.clave ? { customid: so.clave } : {});
      const e = envelope(a);
      if (a.status === 200 && e?.status === 'success' && typeof e.data?.cfdi === 'string') {
        return resultadoDe(PAC, e.data.cfdi, sealedXml, o.produccion);
      }
      if (a.status >= 500 || !e) throw sinRespuesta(PAC, `HTTP ${a.status} sin respuesta reconocible`);
      const c = codigoSw(String(e.message ?? ''));
      if (!c) throw sinRespuesta(PAC, `HTTP ${a.status}: ${String(e.message ?? 'sin mensaje').slice(0, 200)}`);
      if (clasificar(TABLA_SW, c.codigo) === 'timbre-previo') return timbrePrevio(e, sealedXml, c.codigo);
      throw errorDelPac(TABLA_SW, c.codigo, c.texto);
    },
  };
}
