/**
 * Whether the receptor must accept the cancellation (RMF rule 2.7.1.35; ../shared/docs/
 * cfdi40-domain.md §8). Not a refusal: it decides between an immediate cancellation and a
 * request that waits up to three business days for the receptor (silence accepts).
 * The SAT decides; the test PAC's simulated SAT applies this same function, and the
 * client is told beforehand what to expect.
 *
 * Not needed when:
 *   I     total up to $1,000.00 MXN (Total × TipoCambio), except a payment receipt (P);
 *   II    nómina (N);  III egresos (E);  IV traslado (T);
 *   VII   público en general (receptor XAXX010101000, global invoices included);
 *   VIII  residents abroad (receptor XEXX010101000);
 *   IX    cancelled within the business day after issue (FechaTimbrado).
 * Left out, because nothing in a CFDI shows them: RIF receptors (fraction V, gone since
 * 2022), sector-specific issuers (X–XII), the Carta Porte fuel exception to IV.
 * Business days skip Saturdays and Sundays; official holidays are not known here, so a
 * day after a holiday may be judged "needs acceptance" where the SAT would not: the
 * safe side (the client is told to expect a wait that may not come).
 */
import { Decimal } from 'decimal.js';
import type { CfdiCancelable } from './types.ts';

export interface Aceptacion {
  requiere: boolean;
  /** Why (the fraction of the rule, or "ninguno de los supuestos …"). */
  causa: string;
}

/** The business day after `fecha` (`AAAA-MM-DD`), skipping weekends. */
export function diaHabilSiguiente(fecha: string): string {
  const d = new Date(`${fecha.slice(0, 10)}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

export function requiereAceptacion(c: CfdiCancelable, ahora: string): Aceptacion {
  const no = (causa: string): Aceptacion => ({ requiere: false, causa });
  switch (c.tipoDeComprobante) {
    case 'N': return no('nómina (RMF 2.7.1.35 fracción II)');
    case 'E': return no('egreso (fracción III)');
    case 'T': return no('traslado (fracción IV)');
  }
  if (c.rfcReceptor === 'XAXX010101000') return no('operación con el público en general (fracción VII)');
  if (c.rfcReceptor === 'XEXX010101000') return no('residente en el extranjero (fracción VIII)');
  if (c.tipoDeComprobante !== 'P') {
    const mxn = new Decimal(c.total).times(c.moneda === 'MXN' || c.moneda === 'XXX' ? 1 : (c.tipoCambio ?? '1'));
    if (mxn.lte(1000)) return no(`monto total de hasta $1,000.00 MXN (fracción I): ${mxn.toFixed(2)}`);
  }
  if (ahora.slice(0, 10) <= diaHabilSiguiente(c.fechaTimbrado)) return no('cancelación dentro del día hábil siguiente a su expedición (fracción IX)');
  return { requiere: true, causa: 'ninguno de los supuestos de la regla 2.7.1.35: el receptor debe aceptar (tres días hábiles; su silencio acepta)' };
}
