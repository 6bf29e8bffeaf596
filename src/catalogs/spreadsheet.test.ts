import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { importCatalogs } from './import.ts';
import { MemorySink as Sink } from './testing/memory-sink.ts';
import { parseCsvObjects } from './csv.ts';
import { CatalogFileError, serialToIso } from './spreadsheet.ts';
import { writeXls, type SheetSpec } from './testing/biff8.ts';
import { excelSerial, satSheets } from './testing/sat-workbook.ts';


function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toCsv(rows: Array<Record<string, string>>): string {
  const cols = Object.keys(rows[0]);
  const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c] ?? '')).join(','))].join('\n') + '\n';
}

const tmp = () => mkdtempSync(join(tmpdir(), 'catalog-xls-'));

const PRODUCTOS = [
  { id: '01010101', texto: 'No existe en el catálogo', iva_trasladado: '0', ieps_trasladado: '0', complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '', estimulo_frontera: '0', similares: 'Público en general' },
  { id: '10101502', texto: 'Perros', iva_trasladado: '1', ieps_trasladado: '0', complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '', estimulo_frontera: '1', similares: '' },
  { id: '15101514', texto: 'Gasolina Magna', iva_trasladado: '1', ieps_trasladado: '1', complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '2023-12-31', estimulo_frontera: '1', similares: 'Combustible, "regular"' },
  { id: '84111506', texto: 'Servicios de facturación', iva_trasladado: '0', ieps_trasladado: '0', complemento: 'Complemento de pago', vigencia_desde: '2024-03-01', vigencia_hasta: '', estimulo_frontera: '0', similares: 'Ñandú 😀' },
];
const POSTALES = Array.from({ length: 40 }, (_, k) => ({
  id: String(1000 + k * 37).padStart(5, '0'), estado: 'DIF', municipio: k % 3 ? '' : '010', localidad: k % 3 ? '' : '01', estimulo_frontera: String(k % 3), vigencia_desde: '2022-01-01', vigencia_hasta: '',
  huso_descripcion: 'Tiempo del Centro', huso_verano_mes_inicio: 'Abril', huso_verano_dia_inicio: 'Primer domingo', huso_verano_hora_inicio: '02:00', huso_verano_diferencia: '-5',
  huso_invierno_mes_inicio: 'Octubre', huso_invierno_dia_inicio: 'Último domingo', huso_invierno_hora_inicio: '02:00', huso_invierno_diferencia: '-6',
}));

describe('catalog import from the SAT workbook (catCFDI_V_4_*.xls)', () => {
  test('c_ClaveProdServ and a split c_CodigoPostal: codes, validity dates, Sí columns, version in the source', async () => {
    const dir = tmp();
    const sheets: SheetSpec[] = [
      { name: 'c_FormaPago', rows: [['Catálogo de formas de pago.'], ['c_FormaPago', 'Descripción'], ['01', 'Efectivo']] },
      ...satSheets('c_ClaveProdServ', PRODUCTOS, { random: rng(1), version: '1.0', revision: 7, published: '2025-02-03' }),
      // 40 postal codes over three parts, with the SAT's "00000" placeholder rows.
      ...satSheets('c_CodigoPostal', [{ ...POSTALES[0], id: '00000', estado: 'AGU' }, ...POSTALES, { ...POSTALES[1], id: '00000', estado: 'BCN' }], { rowsPerSheet: 15, random: rng(2) }),
    ];
    assert.deepEqual(sheets.map((s) => s.name), ['c_FormaPago', 'c_ClaveProdServ', 'c_CodigoPostal_Parte_1', 'c_CodigoPostal_Parte_2', 'c_CodigoPostal_Parte_3']);
    const file = join(dir, 'catCFDI_V_4_20250203.xls');
    writeFileSync(file, writeXls(sheets));
    const sink = new Sink();
    const progress: string[] = [];
    const result = await importCatalogs(file, sink, (c, done, total) => progress.push(`${c}:${done}/${total ?? '?'}`));
    assert.deepEqual(result, [{ catalog: 'c_ClaveProdServ', rows: 4 }, { catalog: 'c_CodigoPostal', rows: 40 }]);
    const ps = sink.tables.get('c_ClaveProdServ')!;
    assert.equal(ps.source, 'catCFDI_V_4_20250203.xls [c_ClaveProdServ] (versión 1.0, revisión 7, publicada 2025-02-03)');
    assert.deepEqual(ps.rows, PRODUCTOS.map(({ id, vigencia_desde, vigencia_hasta, ...data }) => ({ key: id, vigenciaDesde: vigencia_desde, ...(vigencia_hasta ? { vigenciaHasta: vigencia_hasta } : {}), data })));
    const cp = sink.tables.get('c_CodigoPostal')!;
    assert.match(cp.source, /\[c_CodigoPostal_Parte_1, c_CodigoPostal_Parte_2, c_CodigoPostal_Parte_3\]/);
    assert.deepEqual(cp.rows.map((r) => r.key), POSTALES.map((p) => p.id));
    assert.deepEqual(cp.rows[3], { key: POSTALES[3].id, vigenciaDesde: '2022-01-01', data: (({ id: _i, vigencia_desde: _d, vigencia_hasta: _h, ...d }) => d)(POSTALES[3]) });
    assert.ok(progress.includes('c_CodigoPostal:40/40'));
  });

  test('the same sheets in an .xlsx workbook give the same rows', async () => {
    const dir = tmp();
    const wb = XLSX.utils.book_new();
    for (const s of satSheets('c_ClaveProdServ', PRODUCTOS, { random: rng(3) })) {
      const aoa = s.rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? { t: 'n', v: v.date, z: 'dd/mm/yyyy' } : v)));
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), s.name);
    }
    const file = join(dir, 'catCFDI.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const sink = new Sink();
    await importCatalogs(file, sink);
    assert.deepEqual(sink.tables.get('c_ClaveProdServ')!.rows.map((r) => [r.key, r.vigenciaDesde, r.vigenciaHasta, r.data.iva_trasladado]), PRODUCTOS.map((p) => [p.id, p.vigencia_desde, p.vigencia_hasta || undefined, p.iva_trasladado]));
  });

  test('a cell that is not what its column needs is named by sheet, row and column', async () => {
    const dir = tmp();
    const sheets = satSheets('c_ClaveProdServ', PRODUCTOS, { random: rng(4) });
    sheets[0].rows[6][5] = 'mañana';
    const file = join(dir, 'cat.xls');
    writeFileSync(file, writeXls(sheets));
    await assert.rejects(importCatalogs(file, new Sink()), (e) => e instanceof CatalogFileError && e.message === 'c_ClaveProdServ, fila 7, columna "FechaInicioVigencia": "mañana" no es una fecha (dd/mm/aaaa o aaaa-mm-dd)');
  });

  test('a workbook without the catalog sheets, a sheet without its key column, a file that is not Excel', async () => {
    const dir = tmp();
    const none = join(dir, 'otro.xls');
    writeFileSync(none, writeXls([{ name: 'Hoja1', rows: [['a']] }]));
    await assert.rejects(importCatalogs(none, new Sink()), /otro\.xls: ninguna hoja es de un catálogo grande .*hojas: Hoja1/);
    const nokey = join(dir, 'nokey.xls');
    writeFileSync(nokey, writeXls([{ name: 'c_Aduana', rows: [['Catálogo de aduanas.'], ['Clave', 'Descripción'], ['01', 'ACAPULCO']] }]));
    await assert.rejects(importCatalogs(nokey, new Sink()), /c_Aduana: no se encontró la fila de encabezados \("c_Aduana"\)/);
    const text = join(dir, 'catalogo.xls');
    writeFileSync(text, 'esto no es un libro');
    await assert.rejects(importCatalogs(text, new Sink()), CatalogFileError);
    const csv = join(dir, 'c_Aduana.csv');
    writeFileSync(csv, 'id,texto\n01,A\n');
    await assert.rejects(importCatalogs(csv, new Sink()), /give the SAT's catalog workbook \(\.xls, \.xlsx\) or a directory of CSV files/);
  });

  test('Excel serials in both date systems, and time-of-day cells', () => {
    assert.equal(serialToIso(excelSerial('2022-01-01'), false), '2022-01-01');
    assert.equal(serialToIso(44562, false), '2022-01-01');
    assert.equal(serialToIso(44562.75, false), '2022-01-01');
    assert.equal(serialToIso(61, false), '1900-03-01');
    assert.equal(serialToIso(59, false), '1900-02-28');
    assert.equal(serialToIso(43100, true), '2022-01-01');
  });

  test('the shared SAT CSVs, laid out as the SAT workbook, import to exactly the rows the CSV import gives', async (t) => {
    const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const shared = join(process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'sat', 'catalogs');
    if (!existsSync(shared)) {
      if (process.env.CI === 'true') assert.fail(`../shared not found (${shared}): under CI the CSV oracle must run`);
      return t.skip(`../shared not found: ${shared}`);
    }
    const files: Record<string, string> = {
      c_ClaveUnidad: 'c_ClaveUnidad.csv',
      c_Aduana: 'c_Aduana.csv',
      c_PatenteAduanal: 'c_PatenteAduanal.csv',
      c_NumPedimentoAduana: 'c_NumPedimentoAduana.csv',
      c_Colonia: 'c_Colonia.csv.gz',
      c_CodigoPostal: 'c_CodigoPostal_Parte_2_PARTIAL.csv.gz',
    };
    const dir = tmp();
    const csvDir = join(dir, 'csv');
    mkdirSync(csvDir);
    const r = rng(20261201);
    const sheets: SheetSpec[] = [];
    for (const [catalog, f] of Object.entries(files)) {
      const raw = readFileSync(join(shared, f));
      let rows = parseCsvObjects((f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
      // Every row of the small ones; an even sample of the big ones keeps the test quick
      // (the full sizes are measured by `npm run bench -- catalogs`).
      const step = Math.ceil(rows.length / 6000);
      rows = rows.filter((_, k) => k % step === 0);
      sheets.push(...satSheets(catalog, rows, { random: r, rowsPerSheet: catalog === 'c_Colonia' ? 2500 : 65_000 }));
      // The CSV side of the comparison: the same rows, without the PARTIAL mark (a source detail).
      writeFileSync(join(csvDir, `${catalog}.csv`), toCsv(rows));
    }
    const file = join(dir, 'catCFDI_V_4_oracle.xls');
    writeFileSync(file, writeXls(sheets));
    const fromXls = new Sink();
    const fromCsv = new Sink();
    await importCatalogs(file, fromXls);
    await importCatalogs(csvDir, fromCsv);
    assert.deepEqual([...fromXls.tables.keys()].sort(), Object.keys(files).sort());
    for (const catalog of Object.keys(files)) {
      const a = fromXls.tables.get(catalog)!.rows;
      const b = fromCsv.tables.get(catalog)!.rows;
      assert.equal(a.length, b.length, catalog);
      for (let k = 0; k < b.length; k++) assert.deepEqual(a[k], b[k], `${catalog} row ${k}`);
    }
    // c_Colonia spans three sheets, as in the SAT file.
    assert.match(fromXls.tables.get('c_Colonia')!.source, /\[C_Colonia_1, C_Colonia_2, C_Colonia_3\]/);
  });
});
