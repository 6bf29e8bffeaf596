/**
 * `cfdi-async catalogs import PATH`: loads the large SAT catalogs into the store, one
 * catalog per transaction (`replaceCatalog`), in batches, from either the SAT's catalog
 * workbook (`catCFDI_V_4_*.xls`, or `.xlsx`: see spreadsheet.ts) or a directory of
 * CSV / CSV.gz files (the format of `../shared/sat/catalogs/`, see docs/catalogs.md).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CsvParser } from './csv.ts';
import { workbookCatalogs } from './spreadsheet.ts';

/** One row as the storage port takes it (structurally `CatalogRow` of src/storage/store.ts). */
export interface ImportRow {
  key: string;
  vigenciaDesde?: string;
  vigenciaHasta?: string;
  data: Record<string, string>;
}

/** The storage method the import needs (structurally `Pick<Store, 'replaceCatalog'>`). */
export interface CatalogSink {
  replaceCatalog(catalog: string, rows: AsyncIterable<ImportRow[]>, source: string): Promise<number>;
}

/** Key columns per large catalog; composite keys are joined with `|`. */
export const LARGE_CATALOG_KEYS: Readonly<Record<string, readonly string[]>> = {
  c_ClaveProdServ: ['id'],
  c_ClaveUnidad: ['id'],
  c_CodigoPostal: ['id'],
  c_Colonia: ['colonia', 'codigo_postal'],
  c_Aduana: ['id'],
  c_PatenteAduanal: ['id'],
  c_NumPedimentoAduana: ['aduana', 'patente', 'ejercicio'],
};

const BATCH = 5000;
const FILE_RE = /^(c_[A-Za-z]+)(_.*)?\.csv(\.gz)?$/;

/** Files of a directory grouped by the large catalog they belong to (sorted, so parts load in order). */
export async function findCatalogFiles(dir: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of (await readdir(dir)).sort()) {
    const m = FILE_RE.exec(name);
    if (!m || !Object.hasOwn(LARGE_CATALOG_KEYS, m[1])) continue;
    out.set(m[1], [...(out.get(m[1]) ?? []), join(dir, name)]);
  }
  return out;
}

/** Records of a CSV file (header first), decompressing `.gz`, streamed. */
async function* records(file: string): AsyncGenerator<string[]> {
  const raw = createReadStream(file);
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding('utf8');
  const parser = new CsvParser();
  for await (const chunk of stream as AsyncIterable<string>) yield* parser.push(chunk);
  yield* parser.end();
}

/** The rows of one catalog's files, in batches. */
async function* batches(catalog: string, files: string[], onRows: (n: number) => void): AsyncGenerator<ImportRow[]> {
  const keyCols = LARGE_CATALOG_KEYS[catalog];
  // The SAT's exports repeat a few keys (c_NumPedimentoAduana 2022): keep the first, so a
  // store with a primary key on (catalog, key) never sees a duplicate.
  const seen = new Set<string>();
  let batch: ImportRow[] = [];
  for (const file of files) {
    let header: string[] | undefined;
    for await (const rec of records(file)) {
      if (!header) {
        header = rec.map((h) => h.trim());
        const missing = keyCols.filter((k) => !header!.includes(k));
        if (missing.length) throw new Error(`${basename(file)}: missing key column(s) ${missing.join(', ')}`);
        continue;
      }
      if (rec.length === 1 && rec[0] === '') continue;
      const data: Record<string, string> = {};
      header.forEach((h, i) => {
        data[h] = rec[i] ?? '';
      });
      const key = keyCols.map((k) => data[k]).join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const row: ImportRow = { key, data };
      if (data.vigencia_desde) row.vigenciaDesde = data.vigencia_desde;
      if (data.vigencia_hasta) row.vigenciaHasta = data.vigencia_hasta;
      for (const k of [...keyCols, 'vigencia_desde', 'vigencia_hasta']) delete data[k];
      batch.push(row);
      if (batch.length >= BATCH) {
        yield batch;
        onRows(batch.length);
        batch = [];
      }
    }
  }
  if (batch.length) {
    yield batch;
    onRows(batch.length);
  }
}

/**
 * Imports every large catalog found at `path`: the sheets of a SAT catalog workbook
 * (`.xls`, `.xlsx`), or the CSV files of a directory. A CSV file whose name says PARTIAL
 * (e.g. the shared `c_CodigoPostal_Parte_2_PARTIAL.csv.gz`) is recorded with a
 * `(partial)` source: the rules then treat a missing key as notChecked instead of an error.
 */
export async function importCatalogs(
  path: string,
  store: CatalogSink,
  onProgress?: (catalog: string, done: number, total?: number) => void,
): Promise<Array<{ catalog: string; rows: number }>> {
  const result: Array<{ catalog: string; rows: number }> = [];
  const load = async (catalog: string, source: string, rows: (onRows: (n: number) => void) => AsyncIterable<ImportRow[]>) => {
    let done = 0;
    onProgress?.(catalog, 0);
    const n = await store.replaceCatalog(
      catalog,
      rows((k) => {
        done += k;
        onProgress?.(catalog, done);
      }),
      source,
    );
    onProgress?.(catalog, n, n);
    result.push({ catalog, rows: n });
  };
  if ((await stat(path)).isFile()) {
    if (!/\.xlsx?$/i.test(path)) throw new Error(`${basename(path)}: give the SAT's catalog workbook (.xls, .xlsx) or a directory of CSV files`);
    for (const wc of workbookCatalogs(path)) {
      const { source, batches: rows } = wc.open();
      await load(wc.catalog, source, rows);
    }
    return result;
  }
  for (const [catalog, files] of await findCatalogFiles(path)) {
    const names = files.map((f) => basename(f));
    const partial = names.some((n) => /partial/i.test(n));
    await load(catalog, `${names.join(', ')}${partial ? ' (partial)' : ''}`, (onRows) => batches(catalog, files, onRows));
  }
  return result;
}
