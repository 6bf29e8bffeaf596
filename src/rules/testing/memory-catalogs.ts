/** An in-memory implementation of the storage port's catalog methods, for tests. */
import type { ImportRow } from '../../catalogs/import.ts';
import type { CatalogSource } from '../validate.ts';

export class MemoryCatalogs implements CatalogSource {
  readonly tables = new Map<string, { rows: Map<string, ImportRow>; source: string; importedAt: string }>();

  async replaceCatalog(catalog: string, rows: AsyncIterable<ImportRow[]> | Iterable<ImportRow[]>, source: string): Promise<number> {
    const m = new Map<string, ImportRow>();
    for await (const batch of rows) for (const r of batch) m.set(r.key, r);
    this.tables.set(catalog, { rows: m, source, importedAt: '2025-06-15T00:00:00.000Z' });
    return m.size;
  }

  async lookupCatalog(catalog: string, keys: string[]): Promise<Map<string, ImportRow>> {
    const t = this.tables.get(catalog);
    const out = new Map<string, ImportRow>();
    if (t) for (const k of keys) if (t.rows.has(k)) out.set(k, t.rows.get(k)!);
    return out;
  }

  async catalogStatus() {
    return [...this.tables].map(([catalog, t]) => ({ catalog, rows: t.rows.size, source: t.source, importedAt: t.importedAt }));
  }

  /** Loads rows given as plain records (key → columns), as the fixtures write them. */
  static from(tables: Record<string, Record<string, Record<string, string>>>): MemoryCatalogs {
    const m = new MemoryCatalogs();
    for (const [catalog, rows] of Object.entries(tables)) {
      const map = new Map<string, ImportRow>();
      for (const [key, { vigencia_desde, vigencia_hasta, ...data }] of Object.entries(rows)) {
        map.set(key, { key, data, vigenciaDesde: vigencia_desde || undefined, vigenciaHasta: vigencia_hasta || undefined });
      }
      m.tables.set(catalog, { rows: map, source: 'fixtures', importedAt: '2025-06-15T00:00:00.000Z' });
    }
    return m;
  }
}
