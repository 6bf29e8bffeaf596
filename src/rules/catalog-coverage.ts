/**
 * Which SAT rules need which large catalog, and what the catalogs loaded today leave
 * unchecked: `catalogs status` prints it, and every not-checked finding becomes a
 * Spanish notice for the client (GET body `advertencias`, `validate`).
 */
import type { Finding } from './rule.ts';

/** The rules that read each large catalog (docs/catalogs.md). */
export const RULES_BY_CATALOG: Readonly<Record<string, readonly string[]>> = {
  c_ClaveProdServ: ['CFDI40162', 'CFDI40163', 'CFDI40164', 'CFDI40196'],
  c_ClaveUnidad: ['CFDI40165'],
  c_CodigoPostal: ['CFDI40126'],
  c_Colonia: [],
  c_Aduana: ['CFDI40194', 'CFDI40199'],
  c_PatenteAduanal: ['CFDI40194', 'CFDI40199'],
  c_NumPedimentoAduana: ['CFDI40194', 'CFDI40199'],
};

export interface CatalogCoverage {
  catalog: string;
  state: 'cargado' | 'parcial' | 'no importado';
  rows: number;
  source?: string;
  rules: readonly string[];
  /** What the state means for those rules, in Spanish; undefined when fully loaded. */
  note?: string;
}

/** Every large catalog with its state and the rules it leaves unchecked or partly checked. */
export function catalogCoverage(status: ReadonlyArray<{ catalog: string; rows: number; source: string }>): CatalogCoverage[] {
  return Object.entries(RULES_BY_CATALOG).map(([catalog, rules]) => {
    const s = status.find((x) => x.catalog === catalog && x.rows > 0);
    const list = rules.length ? rules.join(', ') : 'ninguna regla de la matriz';
    if (!s) return { catalog, state: 'no importado', rows: 0, rules, note: rules.length ? `${list} no se verifican: el catálogo ${catalog} no está importado` : undefined };
    if (/partial/i.test(s.source)) {
      return { catalog, state: 'parcial', rows: s.rows, source: s.source, rules, note: rules.length ? `${list} solo se verifican para las claves presentes: el catálogo ${catalog} está importado en parte` : undefined };
    }
    return { catalog, state: 'cargado', rows: s.rows, source: s.source, rules };
  });
}

/**
 * The client-facing notices of a document's findings: one per warning and one per rule
 * that could not be checked, in code order, e.g.
 * `CFDI40162 no verificada: el catálogo c_ClaveProdServ no está importado`.
 */
export function clientNotices(findings: Finding[]): string[] {
  const out = new Map<string, string>();
  for (const f of findings) {
    if (f.status !== 'warning' && f.status !== 'notChecked') continue;
    const where = f.node ? ` (${f.node}${f.attribute ? `@${f.attribute}` : ''}${f.value !== undefined ? ` = "${f.value}"` : ''})` : '';
    const text = f.status === 'warning'
      ? `Advertencia ${f.code}: ${f.message}${where}${f.detail ? `: ${f.detail}` : ''}`
      : `${f.code} no verificada: ${f.detail ?? 'faltan datos para verificarla'}`;
    const key = f.status === 'warning' ? `${f.code}|${text}` : `${f.code}|${f.detail ?? ''}`;
    if (!out.has(key)) out.set(key, text);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
}
