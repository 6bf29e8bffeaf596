/**
 * SW Sapien's cancellation (../shared/docs/pac-protocols.md §1.6): the signed-XML route,
 * `POST /cfdi33/cancel/xml` with the multipart part `xml` = the signed SAT `Cancelacion`
 * and the same Bearer token (and cache) as stamping. Never `/cancel/csd` or `/cancel/pfx`:
 * they take the private key.
 *
 * `{status: success, data: {acuse, uuid: {UUID: code}}}` is the SAT's answer for the UUID;
 * an error whose message starts with a SAT code (`205 - …`) is an answer too; any other
 * code is a refusal of the request, classified by TABLA_SW_CANCELACION.
 */
import { type Cancelador, type RespuestaPac, type SolicitudPac, esRespuestaSat, respuestaSat } from '../cancelador.ts';
import { errorDelPac, sinRespuesta } from '../clasificacion.ts';
import { codigoSw, createSwSesion, envelope, type SwOptions } from './index.ts';
import { TABLA_SW_CANCELACION } from './errores.ts';

const PAC = 'SW Sapien';

export function createSwCancelador(o: SwOptions): Cancelador {
  const sesion = createSwSesion(o);
  return {
    async cancelar(s: SolicitudPac): Promise<RespuestaPac> {
      const a = await sesion.postXml('/cfdi33/cancel/xml', s.xmlFirmado);
      const e = envelope(a);
      if (a.status >= 500 || !e) throw sinRespuesta(PAC, `HTTP ${a.status} sin respuesta reconocible`);
      const acuse = typeof e.data?.acuse === 'string' && e.data.acuse ? { acuse: e.data.acuse } : {};
      if (e.status === 'success') {
        const uuids = (e.data?.uuid ?? {}) as Record<string, unknown>;
        const k = Object.keys(uuids).find((u) => u.toUpperCase() === s.uuid.toUpperCase());
        if (!k) throw sinRespuesta(PAC, `respuesta sin el código del UUID ${s.uuid}`);
        return respuestaSat(String(uuids[k]), undefined, acuse);
      }
      const c = codigoSw(String(e.message ?? ''));
      if (!c) throw sinRespuesta(PAC, `HTTP ${a.status}: ${String(e.message ?? 'sin mensaje').slice(0, 200)}`);
      if (esRespuestaSat(c.codigo)) return respuestaSat(c.codigo, c.texto, acuse);
      throw errorDelPac(TABLA_SW_CANCELACION, c.codigo, c.texto);
    },
  };
}
