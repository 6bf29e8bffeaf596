/** Small shared helpers for the CFDI40 rules (plain functions, no state). */
import { compare, decimalsOf, fixed, format, round, type Fixed } from '../cfdi/amounts/decimal.ts';
import type { Comprobante, Concepto, XmlElement } from '../cfdi/model.ts';
import { monedaDecimales, vigente } from '../catalogs/index.ts';
import type { Reporter } from './define-rule.ts';
import type { RuleContext } from './rule.ts';
import { parseCertificado } from './certificado.ts';

export { decimalsOf };

/** Unsigned decimal as the SAT writes amounts (no sign, no exponent). */
const AMOUNT_RE = /^\d+(\.\d+)?$/;
export function isAmount(s: string | undefined): s is string {
  return s !== undefined && AMOUNT_RE.test(s);
}

/** Parses an amount; undefined when it is not a plain decimal (CFDI40999 reports it). */
export function amount(s: string | undefined): Fixed | undefined {
  return isAmount(s) ? fixed(s) : undefined;
}

/**
 * A yes/no column of an imported catalog ("Incluir IVA trasladado"…): the importer and the
 * published CSVs store 1/0, the SAT's workbook writes "Sí" (with or without accent, any
 * case); "No", "Opcional", 0 and empty are no.
 */
export function catalogFlag(v: string | undefined): boolean {
  return v !== undefined && /^(1|s[ií]|true)$/i.test(v.trim());
}

// ── Why a rule was not checked ──────────────────────────────────────────────
// These reasons reach the client (GET `advertencias`, `validate`): Spanish, saying what to do.

/** Another rule reports the value this one needs: fixing that error lets this one run. */
export function trasOtroError(que: string, codigos: string): string {
  return `${que} (${codigos}); corrija ese error y esta regla se verificará`;
}

/** Where the register data comes from (the registry source's name). */
export function fuenteRegistro(ctx: RuleContext): string {
  return ctx.registry?.source ?? 'ninguna fuente de datos del padrón del SAT';
}

/** The register source does not know a datum of an RFC. */
export function sinDatoDelRfc(dato: string, rfc: string, ctx: RuleContext): string {
  return `${dato} del RFC ${rfc} no está en ${fuenteRegistro(ctx)}; regístrelo ahí (cfdi-async receptor import) para verificarlo antes de timbrar; si no, lo verificará el PAC`;
}

/** A datum that differs from the register source's: the other rule reports it; the SAT's list is the SAT's. */
export function distintoDelRfc(codigo: string): string {
  return `no coincide con el registrado para el RFC (lo informa ${codigo}); si figura en la lista del SAT solo el SAT lo sabe: corríjalo según la constancia de situación fiscal`;
}

/** Data only the SAT or the PAC has. */
export function soloSatOPac(que: string): string {
  return `${que}; el PAC lo verificará al timbrar`;
}

export const TIPOS_CON_IMPORTES = new Set(['I', 'E', 'N']);
export const TIPOS_SIN_IMPORTES = new Set(['T', 'P']);

/**
 * The currency decimals for document-level amounts, or undefined after reporting the rule
 * notChecked (an unknown Moneda is CFDI40113's error, not this rule's).
 */
export function monedaDecimalesOr(c: Comprobante, r: Reporter): number | undefined {
  const d = monedaDecimales(c.Moneda);
  if (d === undefined) r.notChecked(trasOtroError(`la Moneda "${c.Moneda}" no está en c_Moneda, así que se desconocen sus decimales`, 'CFDI40113'));
  return d;
}

/** Node path of a concept for findings: `Concepto[1]` (1-based, as XPath). */
export function conceptoNode(i: number): string {
  return `Concepto[${i + 1}]`;
}

/** Local name of a qualified XML name (`cce20:ComercioExterior` → `ComercioExterior`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** The document's fiscal complements (TFD excluded). */
export function complementos(c: Comprobante): XmlElement[] {
  return c.Complemento?.otros ?? [];
}

/** Whether the document carries the Comercio Exterior complement (any version). */
export function hasComercioExterior(c: Comprobante): boolean {
  return complementos(c).some((e) => localName(e.name) === 'ComercioExterior' || /ComercioExterior/.test(e.ns));
}

/** The implocal:ImpuestosLocales complement, when present. */
export function impuestosLocales(c: Comprobante): XmlElement | undefined {
  return complementos(c).find((e) => localName(e.name) === 'ImpuestosLocales');
}

export function attr(e: XmlElement, name: string): string | undefined {
  return e.attrs.find(([k]) => k === name)?.[1];
}

/**
 * Row of a large catalog, or why it cannot be judged. `missing` means the catalog is
 * loaded, complete, and has no such key.
 */
export type LargeLookup =
  | { kind: 'found'; row: Record<string, string> }
  | { kind: 'missing' }
  | { kind: 'unknown'; detail: string };

export function largeLookup(ctx: RuleContext, catalog: string, key: string): LargeLookup {
  // Client-facing (GET `advertencias`, validate): Spanish, saying what to do.
  if (!ctx.loadedCatalogs.has(catalog)) return { kind: 'unknown', detail: `el catálogo ${catalog} no está importado (cfdi-async catalogs import catCFDI_V_4_….xls)` };
  const row = ctx.catalogs.get(catalog)?.get(key);
  if (row) return { kind: 'found', row };
  if (ctx.partialCatalogs?.has(catalog)) {
    return { kind: 'unknown', detail: `el catálogo ${catalog} está importado solo en parte y no tiene la clave "${key}"` };
  }
  return { kind: 'missing' };
}

/** Validity of a large-catalog row at the document's Fecha (columns vigencia_desde/hasta), as `vigente`. */
export function rowVigente(row: Record<string, string>, fecha: string): boolean {
  const day = fecha.slice(0, 10);
  return vigente({ vigenciaDesde: row.vigencia_desde || undefined, vigenciaHasta: row.vigencia_hasta || undefined }, day);
}

/** Checks membership of a large catalog for one value, reporting on `r`. */
export function checkLarge(
  r: Reporter,
  ctx: RuleContext,
  fecha: string,
  catalog: string,
  key: string,
  place: { node: string; attribute: string },
): void {
  const l = largeLookup(ctx, catalog, key);
  if (l.kind === 'unknown') r.notChecked(l.detail, { ...place, value: key });
  else if (l.kind === 'missing') r.error({ ...place, value: key, detail: `not in ${catalog}` });
  else if (!rowVigente(l.row, fecha)) r.error({ ...place, value: key, detail: `${catalog} row not valid at ${fecha.slice(0, 10)}` });
}

/** Every concept traslado with its place, for document-level sums. */
export function conceptTraslados(c: Comprobante) {
  return c.Conceptos.flatMap((k: Concepto) => k.Impuestos?.Traslados ?? []);
}
export function conceptRetenciones(c: Comprobante) {
  return c.Conceptos.flatMap((k: Concepto) => k.Impuestos?.Retenciones ?? []);
}

/** Numeric equality of two decimal strings; false when either is not a decimal. */
export function sameNumber(a: string | undefined, b: string | undefined): boolean {
  return isAmount(a) && isAmount(b) && compare(a, b) === 0;
}

/** Whether an amount is strictly positive; undefined when it is not a decimal. */
export function positive(s: string | undefined): boolean | undefined {
  return isAmount(s) ? fixed(s).v > 0n : undefined;
}

/** Whether `v` fits a c_TasaOCuota row: equal to a `Fijo` value, inside a `Rango`. */
export function fitsTasa(v: string, row: { tipo: string; minimo?: string; valor: string }): boolean {
  const x = fixed(v);
  if (row.tipo === 'Fijo') return compare(x, row.valor) === 0;
  return compare(x, row.minimo ?? '0') >= 0 && compare(x, row.valor) <= 0;
}

/** Key of a (Impuesto, TipoFactor, TasaOCuota) group; TasaOCuota compared numerically, ignored for Exento. */
export function trasladoGroupKey(t: { Impuesto: string; TipoFactor: string; TasaOCuota?: string }): string {
  if (t.TipoFactor === 'Exento') return `${t.Impuesto}|Exento|`;
  const tasa = t.TasaOCuota;
  if (!isAmount(tasa)) return `${t.Impuesto}|${t.TipoFactor}|${tasa ?? ''}`;
  // Numeric identity: 0.16 and 0.160000 are one group.
  const x = fixed(tasa);
  const norm = x.s >= 6 ? x : round(x, 6); // rescaling up is exact
  return `${t.Impuesto}|${t.TipoFactor}|${format(norm)}`;
}

/** Uppercased, single-spaced form of a name for register comparisons. */
export function normalizeName(s: string): string {
  return s.toUpperCase().replace(/\s+/g, ' ').trim();
}

/** Checks membership and validity at `fecha` of a small built-in catalog. */
export function checkSmall(
  r: Reporter,
  table: Readonly<Record<string, import('../catalogs/types.ts').Vigencia>>,
  catalog: string,
  code: string | undefined,
  fecha: string,
  place: { node?: string; attribute?: string } = {},
): void {
  if (code === undefined) return;
  if (!Object.hasOwn(table, code)) r.error({ ...place, value: code, detail: `not in ${catalog}` });
  else if (!vigente(table[code], fecha)) r.error({ ...place, value: code, detail: `${catalog} key not valid at ${fecha.slice(0, 10)}` });
}

/** The name of the emisor's CSD titular: from the document's Certificado, else from the registry source. */
export function titularCsd(c: Comprobante, ctx: RuleContext): { nombre?: string; source: string } {
  if (c.Certificado !== undefined) {
    const cert = parseCertificado(c.Certificado);
    return { nombre: 'error' in cert ? undefined : cert.nombre, source: 'el Certificado del comprobante' };
  }
  return { nombre: ctx.registry?.titularCsd, source: `${fuenteRegistro(ctx)}, titular del CSD` };
}

/** Tokens of a Mexican corporate-regime suffix (S.A. de C.V., S. de R.L., S.C., A.C., SAPI, …). */
const REGIMEN_CAPITAL = new Set(['S', 'A', 'SA', 'DE', 'CV', 'C', 'V', 'R', 'L', 'RL', 'SC', 'AC', 'SAPI', 'SAB', 'SOFOM', 'ENR', 'ER', 'IAP', 'ABP', 'SPR', 'RI', 'SNC', 'SAS', 'SRL', 'MI', 'P', 'I', 'B', 'N']);

/**
 * Whether the Emisor's Nombre is the CSD titular's: equal after normalising case,
 * punctuation and spaces, once a trailing corporate-regime suffix is dropped from both
 * (CFDI 4.0 writes the name without it; the CSD keeps it).
 */
export function sameTitular(nombre: string, titular: string): boolean {
  const base = (s: string) => {
    const tokens = normalizeName(s.replace(/[.,]/g, ' ')).split(' ');
    while (tokens.length > 1 && REGIMEN_CAPITAL.has(tokens[tokens.length - 1])) tokens.pop();
    return tokens.join(' ');
  };
  return base(nombre) === base(titular);
}
