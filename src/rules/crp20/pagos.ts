/** Shared pieces of the CRP20 rules (Pagos 2.0): where the complement is and how to walk it. */
import type { Comprobante } from '../../cfdi/model.ts';
import type { DoctoRelacionado, ImpuestoDR, Pago, Pagos, TrasladoP } from '../../cfdi/pagos/model.ts';
import { trasladoKey } from '../../cfdi/pagos/complete.ts';
import { pagosDe } from '../../cfdi/pagos/element.ts';
import { c_FormaPago, c_Moneda, lookup, monedaDecimales } from '../../catalogs/index.ts';
import { add, compare, div, fixed, sub, type Fixed } from '../../cfdi/amounts/decimal.ts';
import type { FormaPago } from '../../catalogs/types.ts';
import type { Reporter } from '../define-rule.ts';
import { isAmount } from '../helpers.ts';

/** The typed complement, or undefined after reporting the rule notApplicable. */
export function pagosOr(c: Comprobante, r: Reporter): Pagos | undefined {
  const p = pagosDe(c);
  if (!p) r.notApplicable('the Comprobante has no Pagos 2.0 complement');
  return p;
}

export const pagoNode = (i: number) => `pago20:Pago[${i + 1}]`;
export const doctoNode = (i: number, j: number) => `${pagoNode(i)}/DoctoRelacionado[${j + 1}]`;

/** Every DoctoRelacionado with its Pago and node path. */
export function doctos(p: Pagos): Array<{ pago: Pago; d: DoctoRelacionado; node: string }> {
  return p.Pago.flatMap((pago, i) => pago.DoctoRelacionado.map((d, j) => ({ pago, d, node: doctoNode(i, j) })));
}

/** Every DR tax of one kind with its DoctoRelacionado, Pago and node path. */
export function impuestosDR(p: Pagos, kind: 'RetencionesDR' | 'TrasladosDR'): Array<{ pago: Pago; d: DoctoRelacionado; t: ImpuestoDR; node: string }> {
  const el = kind === 'RetencionesDR' ? 'RetencionDR' : 'TrasladoDR';
  return doctos(p).flatMap(({ pago, d, node }) => (d.ImpuestosDR?.[kind] ?? []).map((t, k) => ({ pago, d, t, node: `${node}/ImpuestosDR/${kind}/${el}[${k + 1}]` })));
}

/** c_FormaPago row of a Pago, when the code exists. */
export function formaPago(pago: Pago, fecha: string): FormaPago | undefined {
  return lookup(c_FormaPago, pago.FormaDePagoP, fecha);
}

/** Whether the value is a known c_Moneda code. */
export function monedaConocida(m: string, fecha: string): boolean {
  return lookup(c_Moneda, m, fecha) !== undefined;
}

export { monedaDecimales };

/** Decimals written; undefined for a non-decimal. */
export function decimales(v: string | undefined): number | undefined {
  if (!isAmount(v)) return undefined;
  const i = v.indexOf('.');
  return i < 0 ? 0 : v.length - i - 1;
}

/** A value of a DoctoRelacionado in the currency of its Pago: v / EquivalenciaDR (exact to 12 decimals). */
export function enMonedaP(v: string, d: DoctoRelacionado): Fixed | undefined {
  if (!isAmount(v)) return undefined;
  const e = d.EquivalenciaDR;
  if (e === undefined) return fixed(v);
  if (!isAmount(e) || fixed(e).v === 0n) return undefined;
  return compare(e, '1') === 0 ? fixed(v) : div(v, e, 12);
}

/**
 * The TrasladoDR of a Pago's documents with the impuesto, factor and tasa of a TrasladoP:
 * their BaseDR or ImporteDR in the currency of the Pago (0 when not convertible).
 */
export function trasladosDRDe(pago: Pago, t: TrasladoP, campo: 'BaseDR' | 'ImporteDR'): Fixed[] {
  const key = trasladoKey(t.ImpuestoP, t.TipoFactorP, t.TasaOCuotaP);
  return pago.DoctoRelacionado.flatMap((d) =>
    (d.ImpuestosDR?.TrasladosDR ?? [])
      .filter((x) => trasladoKey(x.ImpuestoDR, x.TipoFactorDR, x.TasaOCuotaDR) === key)
      .map((x) => enMonedaP(x[campo] ?? '', d) ?? fixed('0')),
  );
}

/** Whether any document of the Pago is in another currency (sums then carry conversion rounding). */
export function convierte(pago: Pago): boolean {
  return pago.DoctoRelacionado.some((d) => d.MonedaDR !== pago.MonedaP || (d.EquivalenciaDR !== undefined && isAmount(d.EquivalenciaDR) && compare(d.EquivalenciaDR, '1') !== 0));
}

/**
 * Whether a P-level value equals Σ of its DR values converted: exactly when nothing is
 * converted, else within the rounding each converted document may add (one unit of the
 * last decimal of MonedaP per document).
 */
export function igualSuma(valor: string, partes: Fixed[], pago: Pago): boolean {
  if (!isAmount(valor)) return false;
  let s: Fixed = fixed('0');
  for (const x of partes) s = add(s, x);
  const diff = sub(valor, s);
  const abs = diff.v < 0n ? { v: -diff.v, s: diff.s } : diff;
  if (!convierte(pago)) return abs.v === 0n;
  const ulp = { v: BigInt(Math.max(1, partes.length)), s: monedaDecimales(pago.MonedaP) ?? 2 };
  return compare(abs, ulp) <= 0;
}

/** Forms of payment through a bank (c_FormaPago "bancarizado"), for CRP20221/CRP20228's wording. */
export const FORMAS_BANCARIZADAS = ['02', '03', '04', '05', '06', '28', '29'];
