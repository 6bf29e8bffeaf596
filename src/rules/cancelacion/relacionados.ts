/**
 * A CFDI that live documents relate (a payment receipt against it, a credit note, a
 * replacement…) is "No cancelable" for the SAT until those are cancelled first. The one
 * exception is the replacement named with motivo 01: it relates the cancelled CFDI by design.
 */
import { error, ok, type ReglaCancelacion } from './types.ts';

export const relacionados: ReglaCancelacion = {
  code: 'CAN_RELACIONADOS_VIVOS',
  check(r) {
    const live = r.relacionadosVivos.filter((d) => !(r.motivo === '01' && d.uuid === r.folioSustitucion && d.tipoRelacion === '04'));
    if (live.length === 0) return ok(this.code);
    const list = live.map((d) => `${d.uuid} (${d.tipoDeComprobante}, ${d.tipoRelacion === 'pago' ? 'pago' : `TipoRelacion ${d.tipoRelacion}`})`).join(', ');
    return error(this.code, `No cancelable: tiene CFDI relacionados vigentes que deben cancelarse antes: ${list}.`, live.map((d) => d.uuid).join(','));
  },
};
