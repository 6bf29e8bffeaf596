/**
 * The deadline (CFF 29-A, RMF 2025 rule 2.7.1.46): a CFDI can be cancelled until the last
 * day of the month in which the annual ISR return of its fiscal year is due — March of the
 * next year for a persona moral (12-character RFC), April for a persona física (13).
 * The fiscal year is that of FechaTimbrado; dates compare in Mexico City time.
 */
import { error, ok, type CfdiCancelable, type ReglaCancelacion } from './types.ts';

/** Last moment to cancel, `AAAA-MM-DDThh:mm:ss` local. */
export function limiteCancelacion(c: Pick<CfdiCancelable, 'rfcEmisor' | 'fechaTimbrado'>): string {
  const year = Number(c.fechaTimbrado.slice(0, 4)) + 1;
  const month = c.rfcEmisor.length === 12 ? 3 : 4;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${lastDay}T23:59:59`;
}

export const plazo: ReglaCancelacion = {
  code: 'CAN_PLAZO',
  check(r) {
    const limite = limiteCancelacion(r.cfdi);
    if (r.ahora > limite) {
      return error(this.code, `El plazo para cancelar venció el ${limite.slice(0, 10)} (último día del mes de la declaración anual del ejercicio ${r.cfdi.fechaTimbrado.slice(0, 4)}) (SAT 210).`, r.cfdi.fechaTimbrado);
    }
    return ok(this.code);
  },
};
