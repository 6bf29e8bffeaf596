/** The cancellation rules, in the order the SAT answers them. */
import { motivo } from './motivo.ts';
import { sustitucion } from './sustitucion.ts';
import { relacionados } from './relacionados.ts';
import { plazo } from './plazo.ts';
import type { Finding, ReglaCancelacion, RevisionCancelacion } from './types.ts';

export const REGLAS_CANCELACION: readonly ReglaCancelacion[] = [motivo, sustitucion, plazo, relacionados];

/** The first error, or undefined when every rule passes. */
export function revisarCancelacion(r: RevisionCancelacion): Finding | undefined {
  for (const regla of REGLAS_CANCELACION) {
    const e = regla.check(r).find((f) => f.status === 'error');
    if (e) return e;
  }
  return undefined;
}
