/**
 * Finkok's cancellation (../shared/docs/pac-protocols.md §2.5): SOAP `cancel_signature` on
 * `/servicios/soap/cancel` (namespace `http://facturacion.finkok.com/cancel`) with `xml` =
 * base64 of the signed SAT `Cancelacion` (one UUID: Finkok refuses a whole request when one
 * folio is not cancellable) and `store_pending=false` (a 708 is retried by us with the same
 * bytes, so no request waits in Finkok's buffer unseen). Never `cancel` or `sign_cancel`:
 * they take the private key.
 *
 * `Folios/Folio` for the UUID is the SAT's answer (`EstatusUUID`, `EstatusCancelacion`) with
 * the `Acuse` as received; without it, `CodEstatus` is a request-level code, classified by
 * TABLA_FINKOK_CANCELACION (or a SAT code for the UUID, which is an answer).
 */
import { type Cancelador, type RespuestaPac, type SolicitudPac, esRespuestaSat, respuestaSat } from '../cancelador.ts';
import { errorDelPac, sinRespuesta } from '../clasificacion.ts';
import { child, llamarFinkok, type FinkokOptions } from './index.ts';
import { TABLA_FINKOK_CANCELACION } from './errores.ts';

export const NS_FINKOK_CANCEL = 'http://facturacion.finkok.com/cancel';
const PAC = 'Finkok';

export function createFinkokCancelador(o: Pick<FinkokOptions, 'url' | 'usuario' | 'password' | 'timeouts'>): Cancelador {
  return {
    async cancelar(s: SolicitudPac): Promise<RespuestaPac> {
      const campos = `<f:xml>${Buffer.from(s.xmlFirmado, 'utf8').toString('base64')}</f:xml><f:store_pending>false</f:store_pending>`;
      const r = await llamarFinkok(o, 'cancel', NS_FINKOK_CANCEL, 'cancel_signature', campos);
      const texto = (k: string) => child(r, k)?.text.trim() ?? '';
      const acuse = texto('Acuse') ? { acuse: child(r, 'Acuse')!.text } : {};
      const folio = (child(r, 'Folios')?.children ?? [])
        .filter((f) => f.local === 'Folio')
        .find((f) => (child(f, 'UUID')?.text.trim() ?? '').toUpperCase() === s.uuid.toUpperCase());
      const codigo = folio && child(folio, 'EstatusUUID')?.text.trim();
      if (folio && codigo) {
        const estatus = child(folio, 'EstatusCancelacion')?.text.trim();
        return respuestaSat(codigo, undefined, { ...acuse, ...(estatus ? { estatusCancelacion: estatus } : {}) });
      }
      const m = /^\s*(\d{3}|no_cancelable)\b\s*[.\-:]?\s*(.*)$/s.exec(texto('CodEstatus'));
      if (!m) throw sinRespuesta(PAC, `cancel_signature sin Folio ni código (${texto('CodEstatus').slice(0, 200) || 'vacío'})`);
      if (esRespuestaSat(m[1])) return respuestaSat(m[1], m[2], acuse);
      throw errorDelPac(TABLA_FINKOK_CANCELACION, m[1], m[2]);
    },
  };
}
