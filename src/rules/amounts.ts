/**
 * Rule-specific amount helpers. The arithmetic itself (exact scaled bigints, half-up
 * rounding, the Anexo 20 tolerance windows) is src/cfdi/amounts/decimal.ts, the single
 * implementation the generator also uses; the formulas are docs/cfdi40-domain.md §2.
 * Its helpers throw RangeError on a non-decimal string: every rule checks its inputs with
 * `isAmount` (src/rules/helpers.ts) first and reports them, never throws.
 */
import { compare, format, mul, roundHalfUp, sub, sum, type Fixed } from '../cfdi/amounts/decimal.ts';

/** Σ values rounded half-up to `decimals`, written with that many decimals. */
export function sumRounded(values: readonly string[], decimals: number): string {
  return roundHalfUp(sum(values), decimals);
}

/**
 * A value as the rule messages write it: without trailing zeros (`"4.50"` → `"4.5"`,
 * `"4.00"` → `"4"`).
 */
export function plain(x: Fixed | string): string {
  const s = typeof x === 'string' ? x : format(x);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * Compares the variation of a TipoCambio from the reference rate, |tc − ref| / ref × 100,
 * with a percentage (c_Moneda.porcentajeVariacion), exactly: as |tc − ref| × 100 against
 * porcentaje × ref, so no division is rounded. `ref` must be positive.
 */
export function compareVariation(tc: Fixed | string, ref: Fixed | string, porcentaje: string): -1 | 0 | 1 {
  const d = sub(tc, ref);
  const abs: Fixed = d.v < 0n ? { v: -d.v, s: d.s } : d;
  return compare(mul(abs, '100'), mul(porcentaje, ref));
}
