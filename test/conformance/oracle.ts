/** Oracle tests (SAT tools, xmllint, xsltproc) may skip on a developer's machine, never under CI. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

export function skipOrFail(t: TestContext, why: string): void {
  if (process.env.CI === 'true') assert.fail(`${why} — under CI this oracle test must run`);
  t.skip(why);
}

// ── issue 10 (a10): an amounts oracle independent of src/cfdi/amounts ──
//
// Written from the rules themselves (Anexo 20, the SAT matrix, Ley del IVA arts. 12 and 18,
// docs/cfdi40-domain.md §2) with decimal.js, sharing no code with the service:
// - concept Importe = Cantidad × ValorUnitario, half-up to the currency decimals;
// - a tax Base is Importe − Descuento; an IEPS Cuota's Base is the Cantidad; the IVA
//   (charged and withheld) is computed on Importe − Descuento + the concept's IEPS;
// - a tax Importe is Base × TasaOCuota, half-up to the currency decimals;
// - document rows are rounded sums per (Impuesto, TipoFactor, TasaOCuota) and per
//   withheld Impuesto; Total = SubTotal − Descuento + traslados − retenciones.
import { Decimal } from 'decimal.js';

export interface TaxSpec {
  /** c_Impuesto: 001 ISR, 002 IVA, 003 IEPS. */
  impuesto: '001' | '002' | '003';
  factor: 'Tasa' | 'Cuota' | 'Exento';
  /** Six decimals, as written in the CFDI; absent for Exento. */
  tasa?: string;
}

export interface ConceptSpec {
  cantidad: string;
  valorUnitario: string;
  descuento?: string;
  traslados: TaxSpec[];
  retenciones: TaxSpec[];
}

export interface TaxAmounts {
  base: string;
  importe?: string;
}

export interface DocRow extends TaxSpec {
  base?: string;
  importe?: string;
}

export interface OracleAmounts {
  conceptos: Array<{ importe: string; traslados: TaxAmounts[]; retenciones: TaxAmounts[] }>;
  subTotal: string;
  descuento?: string;
  /** Document Traslado rows by "Impuesto|TipoFactor|TasaOCuota", Retencion rows by Impuesto, in first-seen order. */
  traslados: DocRow[];
  retenciones: DocRow[];
  totalTrasladados?: string;
  totalRetenidos?: string;
  total: string;
}

export function oracleAmounts(conceptos: ConceptSpec[], decimales: number): OracleAmounts {
  const r = (x: Decimal) => x.toDecimalPlaces(decimales, Decimal.ROUND_HALF_UP);
  const s = (x: Decimal) => r(x).toFixed(decimales);
  const out: OracleAmounts['conceptos'] = [];
  const tras = new Map<string, { spec: TaxSpec; bases: Decimal; importes: Decimal }>();
  const rets = new Map<string, Decimal>();
  let subTotal = new Decimal(0);
  let descuento: Decimal | undefined;
  for (const c of conceptos) {
    const importe = r(new Decimal(c.cantidad).times(c.valorUnitario));
    subTotal = subTotal.plus(importe);
    if (c.descuento !== undefined) descuento = (descuento ?? new Decimal(0)).plus(c.descuento);
    const base = importe.minus(c.descuento ?? 0);
    const ieps = c.traslados.filter((t) => t.impuesto === '003' && t.factor !== 'Exento');
    let iepsTotal = new Decimal(0);
    const amounts = new Map<TaxSpec, TaxAmounts>();
    for (const t of ieps) {
      const b = t.factor === 'Cuota' ? new Decimal(c.cantidad) : base;
      const imp = r(b.times(t.tasa!));
      iepsTotal = iepsTotal.plus(imp);
      amounts.set(t, { base: t.factor === 'Cuota' ? c.cantidad : base.toFixed(decimales), importe: imp.toFixed(decimales) });
    }
    const baseIva = base.plus(iepsTotal);
    const baseOf = (t: TaxSpec) => (t.impuesto === '002' ? baseIva : base);
    for (const t of c.traslados) {
      if (amounts.has(t)) continue;
      const b = baseOf(t);
      amounts.set(t, { base: b.toFixed(decimales), importe: t.factor === 'Exento' ? undefined : s(b.times(t.tasa!)) });
    }
    const traslados = c.traslados.map((t) => amounts.get(t)!);
    const retenciones = c.retenciones.map((t) => ({ base: baseOf(t).toFixed(decimales), importe: s(baseOf(t).times(t.tasa!)) }));
    c.traslados.forEach((t, k) => {
      const key = `${t.impuesto}|${t.factor}|${t.tasa ?? ''}`;
      const g = tras.get(key) ?? { spec: t, bases: new Decimal(0), importes: new Decimal(0) };
      g.bases = g.bases.plus(traslados[k].base);
      if (traslados[k].importe !== undefined) g.importes = g.importes.plus(traslados[k].importe!);
      tras.set(key, g);
    });
    c.retenciones.forEach((t, k) => rets.set(t.impuesto, (rets.get(t.impuesto) ?? new Decimal(0)).plus(retenciones[k].importe)));
    out.push({ importe: importe.toFixed(decimales), traslados, retenciones });
  }
  const traslados: DocRow[] = [...tras.values()].map((g) => ({
    ...g.spec,
    base: s(g.bases),
    importe: g.spec.factor === 'Exento' ? undefined : s(g.importes),
  }));
  const retenciones: DocRow[] = [...rets].map(([impuesto, v]) => ({ impuesto: impuesto as TaxSpec['impuesto'], factor: 'Tasa', importe: s(v) }));
  const gravados = traslados.filter((t) => t.importe !== undefined);
  const totalTrasladados = gravados.length ? s(gravados.reduce((a, t) => a.plus(t.importe!), new Decimal(0))) : undefined;
  const totalRetenidos = retenciones.length ? s(retenciones.reduce((a, t) => a.plus(t.importe!), new Decimal(0))) : undefined;
  const total = r(subTotal).minus(descuento ? r(descuento) : 0).plus(totalTrasladados ?? 0).minus(totalRetenidos ?? 0);
  return {
    conceptos: out,
    subTotal: s(subTotal),
    descuento: descuento === undefined ? undefined : s(descuento),
    traslados,
    retenciones,
    totalTrasladados,
    totalRetenidos,
    total: s(total),
  };
}
