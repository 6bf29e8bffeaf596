/**
 * Runs the whole CFDI 4.0 matrix and the Pagos 2.0 one (CRP20, applicable with that complement) on a Comprobante. The only asynchronous part is the
 * preload: the large-catalog rows the document refers to, the catalog status and the
 * register data; then every rule runs synchronously, in code order.
 */
import type { Comprobante } from '../cfdi/model.ts';
import { cadenaOriginal } from '../cfdi/cadena.ts';
import { formatGenerationError } from '../shared/errors.ts';
import { quoteValue } from '../shared/text.ts';
import { ALL_RULES } from './all.ts';
import { preloadRegistry, type SatRegistrySource } from './registry.ts';
import type { Finding, RuleContext } from './rule.ts';
import { rfcDigitoVerificadorRule } from './rfc.ts';

export interface CatalogLookupRow {
  key: string;
  data: Record<string, string>;
  vigenciaDesde?: string;
  vigenciaHasta?: string;
}

/** The two read methods of the storage port the rules need (src/storage/store.ts). */
export interface CatalogSource {
  lookupCatalog(catalog: string, keys: string[]): Promise<Map<string, CatalogLookupRow>>;
  catalogStatus(): Promise<Array<{ catalog: string; rows: number; source: string; importedAt: string }>>;
}

export interface ValidationContext {
  catalogs: CatalogSource;
  /** SAT-register data (LRFC, LCO, confirmations…); by default `directoryRegistry(...)`. Absent: those rules are notChecked. */
  registry?: SatRegistrySource;
}

/** The large catalogs and the keys of the document each one is asked for. */
export function largeCatalogKeys(c: Comprobante): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const add = (catalog: string, key: string | undefined) => {
    if (key === undefined || key === '') return;
    let s = keys.get(catalog);
    if (!s) keys.set(catalog, (s = new Set()));
    s.add(key);
  };
  add('c_CodigoPostal', c.LugarExpedicion);
  const pedimento = (n: string) => {
    const m = /^([0-9]{2}) {2}([0-9]{2}) {2}([0-9]{4}) {2}[0-9]{7}$/.exec(n);
    if (!m) return;
    add('c_Aduana', m[2]);
    add('c_PatenteAduanal', m[3]);
    add('c_NumPedimentoAduana', `${m[2]}|${m[3]}|20${m[1]}`);
  };
  for (const k of c.Conceptos) {
    add('c_ClaveProdServ', k.ClaveProdServ);
    add('c_ClaveUnidad', k.ClaveUnidad);
    for (const a of k.InformacionAduanera) pedimento(a.NumeroPedimento);
    for (const p of k.Parte) {
      add('c_ClaveProdServ', p.ClaveProdServ);
      for (const a of p.InformacionAduanera) pedimento(a.NumeroPedimento);
    }
  }
  return keys;
}

/** Builds the synchronous rule context for a document. */
export async function buildRuleContext(c: Comprobante, ctx: ValidationContext): Promise<RuleContext> {
  const status = await ctx.catalogs.catalogStatus();
  const loaded = new Set(status.filter((s) => s.rows > 0).map((s) => s.catalog));
  const partial = new Set(status.filter((s) => /partial/i.test(s.source)).map((s) => s.catalog));
  const catalogs = new Map<string, Map<string, Record<string, string>>>();
  await Promise.all(
    [...largeCatalogKeys(c)].map(async ([catalog, keys]) => {
      if (!loaded.has(catalog)) return;
      const rows = await ctx.catalogs.lookupCatalog(catalog, [...keys]);
      const m = new Map<string, Record<string, string>>();
      for (const [key, row] of rows) {
        m.set(key, { ...row.data, vigencia_desde: row.vigenciaDesde ?? '', vigencia_hasta: row.vigenciaHasta ?? '' });
      }
      catalogs.set(catalog, m);
    }),
  );
  const rc: RuleContext = { catalogs, loadedCatalogs: loaded, partialCatalogs: partial };
  if (ctx.registry) rc.registry = await preloadRegistry(c, ctx.registry);
  if (c.Sello !== undefined) {
    try {
      rc.cadenaOriginal = cadenaOriginal(c);
    } catch (e) {
      // A complement whose cadena we cannot build: CFDI40102 reports notChecked, saying why.
      rc.cadenaError = (e as Error).message;
    }
  }
  return rc;
}

/** Our checks outside the SAT matrix that run with it (warnings; docs/rules.md). */
const EXTRA_RULES = [rfcDigitoVerificadorRule];

/** Every rule's findings, synchronously, in code order (the matrix, then our own checks). */
export function runRules(c: Comprobante, rc: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of [...ALL_RULES, ...EXTRA_RULES]) {
    try {
      out.push(...rule.check(c, rc));
    } catch (e) {
      // A rule bug must not hide the other findings nor pass a document silently.
      out.push({ code: rule.code, status: 'notChecked', message: rule.message ?? '', detail: `la regla falló por un error interno (${(e as Error).message}); informe al administrador del servicio` });
    }
  }
  return out;
}

/** Validates a Comprobante (sealed or not) against the whole matrix. */
export async function validateComprobante(c: Comprobante, ctx: ValidationContext): Promise<Finding[]> {
  return runRules(c, await buildRuleContext(c, ctx));
}

/** Codes whose SAT message says nothing by itself ("Error no clasificado."): each finding is reported with its place. */
const NAMED_FINDINGS = new Set(['CFDI40999']);
/** Texts of one such code at most; a garbage document must not produce a response of megabytes. */
const MAX_NAMED = 100;

/**
 * `Error no clasificado. Nodo Concepto[1], atributo Cantidad, valor "-2": debe ser …`: the
 * SAT's message followed by where the problem is and what is expected.
 */
function namedMessage(f: Finding): string {
  const where = [f.node && `Nodo ${f.node}`, f.attribute && `atributo ${f.attribute}`, f.value !== undefined && `valor ${quoteValue(f.value)}`].filter(Boolean).join(', ');
  return `${f.message}${where ? ` ${where}` : ''}${f.detail ? `: ${f.detail}` : ''}`;
}

/**
 * The client-facing texts of the errors, in code order, in the seed's shape
 * (`Error CFDI40108\n<SAT message>. :\n Código de error: CFDI40108`): one per code, with
 * the SAT's message verbatim, except CFDI40999, whose every finding names node,
 * attribute and value, or "Error no clasificado" would give the client nothing to fix.
 */
export function clientErrors(findings: Finding[]): string[] {
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'error') continue;
    const list = byCode.get(f.code);
    if (!list) byCode.set(f.code, [f]);
    else if (NAMED_FINDINGS.has(f.code)) list.push(f);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([code, list]) => {
      if (!NAMED_FINDINGS.has(code)) return [formatGenerationError(code, list[0].message)];
      const texts = list.slice(0, MAX_NAMED).map((f) => formatGenerationError(code, namedMessage(f)));
      if (list.length > MAX_NAMED) texts.push(formatGenerationError(code, `${list[0].message} Se omiten ${list.length - MAX_NAMED} errores más de este código`));
      return texts;
    });
}
