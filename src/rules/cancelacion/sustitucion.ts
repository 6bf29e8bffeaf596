/**
 * Motivo `01`: the replacement must already exist, be a live CFDI of the same emisor and
 * relate the cancelled one with TipoRelacion `04` (Sustitución de los CFDI previos); the
 * SAT answers 208/212 otherwise.
 */
import { error, notApplicable, ok, type ReglaCancelacion } from './types.ts';

export const sustitucion: ReglaCancelacion = {
  code: 'CAN_FOLIO_SUSTITUCION',
  check(r) {
    if (r.motivo !== '01' || !r.folioSustitucion) return notApplicable(this.code);
    const s = r.sustituto;
    if (!s) return error(this.code, `folioSustitucion ${r.folioSustitucion} no es un CFDI de esta empresa (SAT 208).`, r.folioSustitucion);
    if (s.rfcEmisor !== r.cfdi.rfcEmisor) return error(this.code, `El CFDI sustituto ${s.uuid} es de otro emisor (${s.rfcEmisor}) (SAT 208).`, r.folioSustitucion);
    if (!s.vigente) return error(this.code, `El CFDI sustituto ${s.uuid} está cancelado o en cancelación (SAT 208).`, r.folioSustitucion);
    const relates = s.relacionados.some((x) => x.tipoRelacion === '04' && x.uuid.toUpperCase() === r.cfdi.uuid);
    if (!relates) {
      return error(this.code, `El CFDI sustituto ${s.uuid} no relaciona a ${r.cfdi.uuid} con TipoRelacion 04 (SAT 212).`, r.folioSustitucion);
    }
    return ok(this.code);
  },
};
