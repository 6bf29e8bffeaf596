/**
 * Decimal arithmetic for the rules (decimal.js, never binary floats). Kept inside
 * `rules/` so the matrix does not move with the generator's internals; the formulas are
 * those of src/cfdi/amounts and docs/cfdi40-domain.md §2.
 */
import { Decimal } from 'decimal.js';

/** A private clone: 64 significant digits hold 18 integer × 6 decimal products exactly. */
export const Dec = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type Dec = InstanceType<typeof Dec>;

/** Number of decimals as written: `"1.50"` → 2, `"3"` → 0. */
export function decimalsOf(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Half-up rounding to `decimals` places, written with exactly that many decimals. */
export function roundHalfUp(v: Dec, decimals: number): string {
  return v.toFixed(decimals, Dec.ROUND_HALF_UP);
}

export interface Window {
  lower: Dec;
  upper: Dec;
}

const EPS = new Dec('1e-12');
const halfUlp = (decimals: number): Dec => new Dec(10).pow(-decimals).div(2);

/**
 * Anexo 20 tolerance for Importe = Cantidad × ValorUnitario (CFDI40167, CFDI40198), with
 * dc/dv the decimals written in Cantidad/ValorUnitario, to the Importe's decimals:
 *   lower = trunc((Cantidad − 10^−dc/2) × (ValorUnitario − 10^−dv/2))
 *   upper = ceil((Cantidad + 10^−dc/2 − 10^−12) × (ValorUnitario + 10^−dv/2 − 10^−12))
 */
export function importeTolerance(cantidad: string, valorUnitario: string, decimalsOfImporte: number): Window {
  const c = new Dec(cantidad);
  const v = new Dec(valorUnitario);
  const hc = halfUlp(decimalsOf(cantidad));
  const hv = halfUlp(decimalsOf(valorUnitario));
  return {
    lower: c.minus(hc).times(v.minus(hv)).toDecimalPlaces(decimalsOfImporte, Dec.ROUND_DOWN),
    upper: c.plus(hc).minus(EPS).times(v.plus(hv).minus(EPS)).toDecimalPlaces(decimalsOfImporte, Dec.ROUND_CEIL),
  };
}

/**
 * Anexo 20 tolerance for a tax Importe = Base × TasaOCuota (CFDI40180, CFDI40186):
 *   lower = trunc((Base − 10^−db/2) × TasaOCuota), upper = ceil((Base + 10^−db/2 − 10^−12) × TasaOCuota)
 */
export function taxImporteTolerance(base: string, tasaOCuota: string, decimalsOfImporte: number): Window {
  const b = new Dec(base);
  const t = new Dec(tasaOCuota);
  const hb = halfUlp(decimalsOf(base));
  return {
    lower: b.minus(hb).times(t).toDecimalPlaces(decimalsOfImporte, Dec.ROUND_DOWN),
    upper: b.plus(hb).minus(EPS).times(t).toDecimalPlaces(decimalsOfImporte, Dec.ROUND_CEIL),
  };
}

export function withinWindow(importe: string, w: Window): boolean {
  const i = new Dec(importe);
  return i.gte(w.lower) && i.lte(w.upper);
}
