/** An import target that keeps every catalog in memory, with its source and batch count (import tests). */
import type { ImportRow } from '../import.ts';

export class MemorySink {
  tables = new Map<string, { rows: ImportRow[]; source: string; batches: number }>();
  async replaceCatalog(catalog: string, rows: AsyncIterable<ImportRow[]>, source: string): Promise<number> {
    const t = { rows: [] as ImportRow[], source, batches: 0 };
    for await (const b of rows) {
      t.batches++;
      t.rows.push(...b);
    }
    this.tables.set(catalog, t);
    return t.rows.length;
  }
}
