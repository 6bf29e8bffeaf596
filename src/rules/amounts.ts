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

/**
 * Hot paths (tolerance windows, rounded sums) use scaled bigints: `{ v, s }` is v × 10^−s.
 * Exact, and an order of magnitude faster than arbitrary-precision objects.
 */
export interface Fx {
  v: bigint;
  s: number;
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
const p10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

/** Parses an unsigned decimal literal (`"12.50"` → 1250 × 10^−2). */
export function fx(s: string): Fx {
  const i = s.indexOf('.');
  return i < 0 ? { v: BigInt(s), s: 0 } : { v: BigInt(s.slice(0, i) + s.slice(i + 1)), s: s.length - i - 1 };
}

function at(x: Fx, scale: number): bigint {
  return x.v * p10(scale - x.s);
}

export function fxCompare(a: Fx, b: Fx): -1 | 0 | 1 {
  const s = Math.max(a.s, b.s);
  const x = at(a, s);
  const y = at(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Σ values rounded half-up to `decimals`, written with that many decimals. */
export function sumRounded(values: readonly string[], decimals: number): string {
  let scale = decimals;
  const xs = values.map(fx);
  for (const x of xs) if (x.s > scale) scale = x.s;
  let total = 0n;
  for (const x of xs) total += at(x, scale);
  return fxFormat(roundFx({ v: total, s: scale }, decimals));
}

/** Half-up (away from zero on ties, values are non-negative here) to `decimals`. */
export function roundFx(x: Fx, decimals: number): Fx {
  if (x.s <= decimals) return { v: at(x, decimals), s: decimals };
  const d = p10(x.s - decimals);
  const q = x.v / d;
  const r = x.v % d;
  return { v: r * 2n >= d ? q + 1n : q, s: decimals };
}

export function fxFormat(x: Fx): string {
  const neg = x.v < 0n;
  const digits = (neg ? -x.v : x.v).toString().padStart(x.s + 1, '0');
  const int = digits.slice(0, digits.length - x.s);
  return (neg ? '-' : '') + (x.s ? `${int}.${digits.slice(-x.s)}` : int);
}

export interface Window {
  lower: Fx;
  upper: Fx;
}

/** trunc toward zero / ceil of a scaled value to `decimals`. */
function truncTo(v: bigint, scale: number, decimals: number): Fx {
  if (scale <= decimals) return { v: v * p10(decimals - scale), s: decimals };
  return { v: v / p10(scale - decimals), s: decimals };
}
function ceilTo(v: bigint, scale: number, decimals: number): Fx {
  if (scale <= decimals) return { v: v * p10(decimals - scale), s: decimals };
  const d = p10(scale - decimals);
  const q = v / d;
  return { v: v % d > 0n ? q + 1n : q, s: decimals };
}

/** x − 10^−s/2 (exact, at scale s+1). */
function minusHalf(x: Fx): Fx {
  return { v: x.v * 10n - 5n, s: x.s + 1 };
}
/** x + 10^−s/2 − 10^−12 (exact, at scale max(s+1, 12)). */
function plusHalfMinusEps(x: Fx): Fx {
  const s = Math.max(x.s + 1, 12);
  return { v: (x.v * 10n + 5n) * p10(s - x.s - 1) - p10(s - 12), s };
}

/**
 * Anexo 20 tolerance for Importe = Cantidad × ValorUnitario (CFDI40167, CFDI40198), with
 * dc/dv the decimals written in Cantidad/ValorUnitario, to the Importe's decimals:
 *   lower = trunc((Cantidad − 10^−dc/2) × (ValorUnitario − 10^−dv/2))
 *   upper = ceil((Cantidad + 10^−dc/2 − 10^−12) × (ValorUnitario + 10^−dv/2 − 10^−12))
 */
export function importeTolerance(cantidad: string, valorUnitario: string, decimalsOfImporte: number): Window {
  const c = fx(cantidad);
  const v = fx(valorUnitario);
  const lc = minusHalf(c);
  const lv = minusHalf(v);
  const uc = plusHalfMinusEps(c);
  const uv = plusHalfMinusEps(v);
  return {
    lower: truncTo(lc.v * lv.v, lc.s + lv.s, decimalsOfImporte),
    upper: ceilTo(uc.v * uv.v, uc.s + uv.s, decimalsOfImporte),
  };
}

/**
 * Anexo 20 tolerance for a tax Importe = Base × TasaOCuota (CFDI40180, CFDI40186):
 *   lower = trunc((Base − 10^−db/2) × TasaOCuota), upper = ceil((Base + 10^−db/2 − 10^−12) × TasaOCuota)
 */
export function taxImporteTolerance(base: string, tasaOCuota: string, decimalsOfImporte: number): Window {
  const b = fx(base);
  const t = fx(tasaOCuota);
  const lb = minusHalf(b);
  const ub = plusHalfMinusEps(b);
  return {
    lower: truncTo(lb.v * t.v, lb.s + t.s, decimalsOfImporte),
    upper: ceilTo(ub.v * t.v, ub.s + t.s, decimalsOfImporte),
  };
}

export function withinWindow(importe: string, w: Window): boolean {
  const i = fx(importe);
  return fxCompare(i, w.lower) >= 0 && fxCompare(i, w.upper) <= 0;
}
