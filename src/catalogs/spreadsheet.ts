/**
 * The SAT's catalog workbook (`catCFDI_V_4_*.xls`, Excel 97-2003 BIFF8; `.xlsx` read the
 * same way) → rows of the large catalogs, in the CSV column names of docs/catalogs.md.
 *
 * Reading: SheetJS (`@e965/xlsx`, the npm build of SheetJS CE) parses the compound file
 * and the BIFF records; it holds the workbook in memory (the format has no streaming
 * reader), so only the sheets of the large catalogs are parsed, in dense mode, one
 * catalog at a time, and each sheet is dropped once its rows are handed on.
 *
 * Layout (per sheet): a title, the catalog's version headings and values, then the
 * column headings, located by name (order and extra columns do not matter); a catalog
 * split over sheets (`c_CodigoPostal_Parte_1`, `C_Colonia_2`…) is read in part order,
 * each part repeating the headings; "Continúa en …" rows and rows without a code are
 * skipped. Codes stored as numbers get their leading zeros back; dates come as Excel
 * serials (either date system) or `dd/mm/aaaa` / `aaaa-mm-dd` text; "Sí" columns become
 * 1/0 and the time-zone hours `hh:mm`, as in the CSV files.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { ImportRow } from './import.ts';

type Kind = 'code' | 'text' | 'date' | 'int' | 'si' | 'bool1' | 'time';

interface Column {
  /** CSV column name. */
  name: string;
  /** SAT headings that name it (compared without accents, case or extra spaces). */
  headings: string[];
  kind: Kind;
  /** Codes: width to pad with leading zeros when the sheet lost them. */
  width?: number;
  /** Part of the catalog's key. */
  key?: boolean;
}

interface CatalogLayout {
  /** Sheet name without the part suffix, compared case-insensitively. */
  sheet: string;
  columns: Column[];
  /** c_CodigoPostal: the 9 time-zone columns under the "Referencias del Huso Horario" heading. */
  huso?: boolean;
  /** Codes that are placeholders, not entries (c_CodigoPostal `00000`, once per state). */
  skipKeys?: string[];
}

const code = (name: string, headings: string[], width?: number, key = true): Column => ({ name, headings, kind: 'code', width, key });
const text = (name: string, ...headings: string[]): Column => ({ name, headings, kind: 'text' });
const desde = (...headings: string[]): Column => ({ name: 'vigencia_desde', headings, kind: 'date' });
const hasta = (...headings: string[]): Column => ({ name: 'vigencia_hasta', headings, kind: 'date' });

/** Heading and column of every large catalog (learnt from phpcfdi/sat-catalogos-populate; see docs/catalogs.md). */
export const SAT_CATALOG_LAYOUTS: Readonly<Record<string, CatalogLayout>> = {
  c_ClaveProdServ: {
    sheet: 'c_ClaveProdServ',
    columns: [
      code('id', ['c_ClaveProdServ'], 8),
      text('texto', 'Descripción'),
      { name: 'iva_trasladado', headings: ['Incluir IVA trasladado'], kind: 'si' },
      { name: 'ieps_trasladado', headings: ['Incluir IEPS trasladado'], kind: 'si' },
      text('complemento', 'Complemento que debe incluir'),
      desde('FechaInicioVigencia', 'Fecha inicio de vigencia'),
      hasta('FechaFinVigencia', 'Fecha fin de vigencia'),
      { name: 'estimulo_frontera', headings: ['Estímulo Franja Fronteriza'], kind: 'bool1' },
      text('similares', 'Palabras similares'),
    ],
  },
  c_ClaveUnidad: {
    sheet: 'c_ClaveUnidad',
    columns: [
      code('id', ['c_ClaveUnidad'], 2),
      text('texto', 'Nombre'),
      text('descripcion', 'Descripción'),
      text('notas', 'Nota', 'Notas'),
      desde('Fecha de inicio de vigencia', 'Fecha inicio de vigencia'),
      hasta('Fecha de fin de vigencia', 'Fecha fin de vigencia'),
      text('simbolo', 'Símbolo'),
    ],
  },
  c_CodigoPostal: {
    sheet: 'c_CodigoPostal',
    columns: [
      code('id', ['c_CodigoPostal'], 5),
      text('estado', 'c_Estado'),
      code('municipio', ['c_Municipio'], 3, false),
      code('localidad', ['c_Localidad'], 2, false),
      { name: 'estimulo_frontera', headings: ['Estímulo Franja Fronteriza'], kind: 'int' },
      desde('Fecha inicio de vigencia'),
      hasta('Fecha fin de vigencia'),
    ],
    huso: true,
    skipKeys: ['00000'],
  },
  c_Colonia: {
    sheet: 'c_Colonia',
    columns: [code('colonia', ['c_Colonia'], 4), code('codigo_postal', ['c_CodigoPostal'], 5), text('texto', 'Nombre del asentamiento')],
  },
  c_Aduana: {
    sheet: 'c_Aduana',
    columns: [code('id', ['c_Aduana'], 2), text('texto', 'Descripción'), desde('Fecha inicio de vigencia'), hasta('Fecha fin de vigencia')],
  },
  c_PatenteAduanal: {
    sheet: 'c_PatenteAduanal',
    columns: [code('id', ['c_PatenteAduanal'], 4), desde('Inicio de vigencia de la patente', 'Fecha inicio de vigencia'), hasta('Fin de vigencia de la patente', 'Fecha fin de vigencia')],
  },
  c_NumPedimentoAduana: {
    sheet: 'c_NumPedimentoAduana',
    columns: [
      code('aduana', ['c_Aduana'], 2),
      code('patente', ['Patente'], 4),
      { name: 'ejercicio', headings: ['Ejercicio'], kind: 'int', key: true },
      { name: 'cantidad', headings: ['Cantidad'], kind: 'int' },
      desde('Fecha inicio de vigencia'),
      hasta('Fecha fin de vigencia'),
    ],
  },
};

const HUSO_COLUMNS = ['huso_descripcion', 'huso_verano_mes_inicio', 'huso_verano_dia_inicio', 'huso_verano_hora_inicio', 'huso_verano_diferencia', 'huso_invierno_mes_inicio', 'huso_invierno_dia_inicio', 'huso_invierno_hora_inicio', 'huso_invierno_diferencia'];
const HUSO_KINDS: Kind[] = ['text', 'text', 'text', 'time', 'int', 'text', 'text', 'time', 'int'];

/** A workbook cell or a catalog row that cannot be read: names the sheet, row and column. */
export class CatalogFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFileError';
  }
}

function norm(s: unknown): string {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Sheet name → [catalog, part] for the large catalogs; undefined for any other sheet. */
export function catalogOfSheet(name: string): [string, number] | undefined {
  const m = /^(.*?)(?:_Parte_(\d+)|_(\d+)| \(Parte (\d+)\))?$/i.exec(name.trim());
  if (!m) return undefined;
  const base = norm(m[1]);
  for (const [catalog, l] of Object.entries(SAT_CATALOG_LAYOUTS)) {
    if (norm(l.sheet) === base) return [catalog, Number(m[2] ?? m[3] ?? m[4] ?? 0)];
  }
  return undefined;
}

const MS_PER_DAY = 86_400_000;

/** ISO date of an Excel serial: 1900 system (with its phantom 1900-02-29) or 1904 system. */
export function serialToIso(serial: number, date1904: boolean): string {
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const t = epoch + (date1904 || days >= 61 ? days : days + 1) * MS_PER_DAY;
  return new Date(t).toISOString().slice(0, 10);
}

function validIso(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

interface CellPlace {
  sheet: string;
  row: number;
  heading: string;
}

function fail(p: CellPlace, value: unknown, why: string): never {
  throw new CatalogFileError(`${p.sheet}, fila ${p.row + 1}, columna "${p.heading}": ${JSON.stringify(value)} ${why}`);
}

function convert(v: unknown, col: { kind: Kind; width?: number }, date1904: boolean, p: CellPlace): string {
  if (v === null || v === undefined) return col.kind === 'si' || col.kind === 'bool1' ? '0' : '';
  if (typeof v === 'string') v = v.trimEnd();
  if (v === '') return col.kind === 'si' || col.kind === 'bool1' ? '0' : '';
  switch (col.kind) {
    case 'code': {
      const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : fail(p, v, 'no es una clave')) : String(v).trim();
      return col.width && /^\d+$/.test(s) ? s.padStart(col.width, '0') : s;
    }
    case 'date': {
      if (typeof v === 'number') return serialToIso(v, date1904);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      const s = String(v).trim();
      let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      let iso = m ? validIso(+m[1], +m[2], +m[3]) : undefined;
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
      if (m) iso = validIso(+m[3], +m[2], +m[1]);
      return iso ?? fail(p, v, 'no es una fecha (dd/mm/aaaa o aaaa-mm-dd)');
    }
    case 'int':
      if (typeof v === 'number') return Number.isInteger(v) ? String(v) : fail(p, v, 'no es un entero');
      return /^-?\d+$/.test(String(v).trim()) ? String(v).trim() : fail(p, v, 'no es un entero');
    case 'si':
      return /^s[ií]$/i.test(String(v).trim()) ? '1' : '0';
    case 'bool1':
      return String(v).trim() === '1' ? '1' : '0';
    case 'time':
      if (typeof v === 'number') {
        const minutes = Math.round((v - Math.floor(v)) * 1440);
        return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      }
      return String(v);
    case 'text':
      return typeof v === 'number' ? String(v) : String(v);
  }
}

/** Column positions found in a sheet's heading rows. */
interface Header {
  /** Index of the last heading row. */
  last: number;
  columns: Array<{ index: number; name: string; kind: Kind; width?: number; key: boolean; heading: string }>;
  /** "Versión catálogo", "Revisión catálogo", "Fecha publicación de catálogo", when the sheet states them. */
  version?: { version?: string; revision?: string; published?: string };
}

function findHeader(rows: unknown[][], l: CatalogLayout, sheet: string, date1904: boolean): Header {
  const limit = Math.min(rows.length, 20);
  for (let r = 0; r < limit; r++) {
    const cells = (rows[r] ?? []).map(norm);
    const columns: Header['columns'] = [];
    const missing: string[] = [];
    for (const c of l.columns) {
      const index = cells.findIndex((x) => c.headings.some((h) => norm(h) === x));
      if (index < 0) missing.push(c.headings[0]);
      else columns.push({ index, name: c.name, kind: c.kind, width: c.width, key: Boolean(c.key), heading: String(rows[r][index]).trim() });
    }
    const keys = l.columns.filter((c) => c.key).map((c) => c.headings[0]);
    if (missing.some((m) => keys.includes(m))) continue;
    if (missing.length) throw new CatalogFileError(`${sheet}, fila ${r + 1}: faltan las columnas ${missing.map((m) => `"${m}"`).join(', ')}`);
    let last = r;
    if (l.huso) {
      const at = cells.findIndex((x) => x === norm('Referencias del Huso Horario'));
      if (at < 0) throw new CatalogFileError(`${sheet}, fila ${r + 1}: falta la columna "Referencias del Huso Horario"`);
      // The time-zone headings are one row below, under the merged group heading.
      if (norm(rows[r + 1]?.[at]) === norm('Descripción del Huso Horario')) last = r + 1;
      HUSO_COLUMNS.forEach((name, k) => columns.push({ index: at + k, name, kind: HUSO_KINDS[k], key: false, heading: `Referencias del Huso Horario/${k + 1}` }));
    }
    return { last, columns, version: versionAbove(rows, r, date1904) };
  }
  throw new CatalogFileError(`${sheet}: no se encontró la fila de encabezados (${l.columns.filter((c) => c.key).map((c) => `"${c.headings[0]}"`).join(', ')})`);
}

/** The version headings row (above the column headings) and the values under it. */
function versionAbove(rows: unknown[][], headerRow: number, date1904: boolean): Header['version'] {
  for (let r = 0; r < headerRow; r++) {
    const cells = (rows[r] ?? []).map(norm);
    const at = (h: string) => cells.indexOf(norm(h));
    const iv = at('Versión catálogo');
    if (iv < 0) continue;
    const values = rows[r + 1] ?? [];
    const get = (i: number) => (i < 0 || values[i] === null || values[i] === undefined || values[i] === '' ? undefined : values[i]);
    const pub = get(at('Fecha publicación de catálogo'));
    return {
      version: get(iv) === undefined ? undefined : String(get(iv)),
      revision: get(at('Revisión catálogo')) === undefined ? undefined : String(get(at('Revisión catálogo'))),
      published: pub === undefined ? undefined : typeof pub === 'number' ? serialToIso(pub, date1904) : String(pub),
    };
  }
  return undefined;
}

export interface WorkbookCatalog {
  catalog: string;
  /** Sheet names, in part order. */
  sheets: string[];
  /**
   * Parses the first sheet and returns how `catalogs status` names the origin (file,
   * sheets, catalog version, revision and publication date) and the rows in batches,
   * sheet by sheet.
   */
  open(): { source: string; batches(onRows?: (n: number) => void): AsyncGenerator<ImportRow[]> };
}

export const BATCH = 5000;

/** A worksheet's rows as SheetJS holds them in dense mode: row → column → cell. */
type DenseRows = Array<Array<{ v?: unknown } | undefined> | undefined>;

/** Plain values of the first rows (headings live there). */
function headRows(rows: DenseRows, n: number): unknown[][] {
  return rows.slice(0, n).map((r) => (r ?? []).map((c) => c?.v ?? null));
}

/**
 * The large catalogs of a SAT catalog workbook (`.xls` or `.xlsx`). Sheets of other
 * catalogs are not parsed. Throws CatalogFileError when the file holds none of them.
 */
export function workbookCatalogs(file: string): WorkbookCatalog[] {
  let data: Buffer | undefined = readFileSync(file);
  // Excel 97-2003 is a compound file (D0 CF 11 E0…), .xlsx a ZIP (PK…); SheetJS would
  // read any other text as a one-sheet CSV.
  const cfb = data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  const zip = data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!cfb && !zip) throw new CatalogFileError(`${basename(file)} no es un libro de Excel legible (.xls, .xlsx)`);
  let names: string[];
  try {
    names = XLSX.read(data, { type: 'buffer', bookSheets: true }).SheetNames;
  } catch (e) {
    throw new CatalogFileError(`${basename(file)} no es un libro de Excel legible (.xls, .xlsx): ${(e as Error).message}`);
  }
  const byCatalog = new Map<string, Array<[string, number]>>();
  for (const n of names) {
    const c = catalogOfSheet(n);
    if (!c) continue;
    byCatalog.set(c[0], [...(byCatalog.get(c[0]) ?? []), [n, c[1]]]);
  }
  if (byCatalog.size === 0) {
    throw new CatalogFileError(`${basename(file)}: ninguna hoja es de un catálogo grande (${Object.values(SAT_CATALOG_LAYOUTS).map((l) => l.sheet).join(', ')}); hojas: ${names.join(', ')}`);
  }
  // Parsed once, on first use, only the large catalogs' sheets, dense (arrays rather than
  // an object per cell address): a BIFF8 file is parsed whole whatever sheets are asked
  // for, so one parse for all of them is the fast way. Each sheet is dropped once read.
  let wb: XLSX.WorkBook | undefined;
  const sheetRows = (sheet: string): { rows: DenseRows; date1904: boolean } => {
    if (!wb) {
      wb = XLSX.read(data, { type: 'buffer', dense: true, sheets: [...byCatalog.values()].flat().map(([n]) => n), cellDates: false, cellNF: false, cellHTML: false, cellText: false, cellFormula: false, cellStyles: false });
      data = undefined;
    }
    const ws = wb.Sheets[sheet] as (XLSX.WorkSheet & { '!data'?: DenseRows }) | undefined;
    if (!ws) throw new CatalogFileError(`${basename(file)}: no se pudo leer la hoja ${sheet}`);
    delete wb.Sheets[sheet];
    return { rows: ws['!data'] ?? [], date1904: Boolean(wb.Workbook?.WBProps?.date1904) };
  };
  const out: WorkbookCatalog[] = [];
  for (const catalog of Object.keys(SAT_CATALOG_LAYOUTS)) {
    const parts = byCatalog.get(catalog);
    if (!parts) continue;
    const sheets = parts.sort((a, b) => a[1] - b[1]).map(([n]) => n);
    const l = SAT_CATALOG_LAYOUTS[catalog];
    out.push({
      catalog,
      sheets,
      open() {
        let first: { rows: DenseRows; date1904: boolean } | undefined = sheetRows(sheets[0]);
        const v = findHeader(headRows(first.rows, 20), l, sheets[0], first.date1904).version;
        const said = v && [v.version && `versión ${v.version}`, v.revision && `revisión ${v.revision}`, v.published && `publicada ${v.published}`].filter(Boolean).join(', ');
        return {
          source: `${basename(file)} [${sheets.join(', ')}]${said ? ` (${said})` : ''}`,
          async *batches(onRows) {
            const keyCols = l.columns.filter((c) => c.key).map((c) => c.name);
            const seen = new Set<string>();
            let batch: ImportRow[] = [];
            for (const sheet of sheets) {
              const p = first ?? sheetRows(sheet);
              first = undefined;
              const h = findHeader(headRows(p.rows, 20), l, sheet, p.date1904);
              const keyIdx = h.columns.filter((c) => c.key).map((c) => c.index);
              const blank = (x: unknown) => x === null || x === undefined || String(x).trim() === '';
              for (let r = h.last + 1; r < p.rows.length; r++) {
                const cells = p.rows[r];
                p.rows[r] = undefined; // let the cells go as they are read
                if (!cells) continue;
                const at = (i: number) => cells[i]?.v ?? null;
                if (keyIdx.every((i) => blank(at(i)))) continue;
                const firstValue = cells.find((c) => !blank(c?.v))?.v;
                if (typeof firstValue === 'string' && /^contin[uú]a en/i.test(firstValue.trim())) continue;
                const values: Record<string, string> = {};
                for (const c of h.columns) values[c.name] = convert(at(c.index), c, p.date1904, { sheet, row: r, heading: c.heading });
                const key = keyCols.map((k) => values[k]).join('|');
                // A repeated code is kept once, as the CSV import does.
                if (l.skipKeys?.includes(key) || seen.has(key)) continue;
                seen.add(key);
                const item: ImportRow = { key, data: values };
                if (values.vigencia_desde) item.vigenciaDesde = values.vigencia_desde;
                if (values.vigencia_hasta) item.vigenciaHasta = values.vigencia_hasta;
                for (const k of [...keyCols, 'vigencia_desde', 'vigencia_hasta']) delete values[k];
                batch.push(item);
                if (batch.length >= BATCH) {
                  yield batch;
                  onRows?.(batch.length);
                  batch = [];
                }
              }
            }
            if (batch.length) {
              yield batch;
              onRows?.(batch.length);
            }
          },
        };
      },
    });
  }
  return out;
}
