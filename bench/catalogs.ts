/**
 * `npm run bench -- catalogs [--file catCFDI.xls] [--json]`
 *
 * Time and peak memory of `cfdi-async catalogs import` on the SAT's catalog workbook.
 * Without `--file`, a synthetic workbook of the real file's size and layout is written
 * first (52,500 c_ClaveProdServ rows, 95,000 c_CodigoPostal rows over two sheets,
 * 145,000 c_Colonia rows over three, 44,000 c_NumPedimentoAduana…; src/catalogs/testing).
 * The import runs in a fresh process, twice: into a sink that only counts (the reader
 * alone) and into a SQLite store (the whole command); peak RSS is that process's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCatalogs, type ImportRow } from '../src/catalogs/import.ts';
import { writeXls, type SheetSpec } from '../src/catalogs/testing/biff8.ts';
import { satSheets } from '../src/catalogs/testing/sat-workbook.ts';
import { openSqliteStore } from '../src/storage/sqlite/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'animales vivos de granja gatos perros caballos equinos potrancas borregos carneros servicios de mantenimiento reparación equipo industrial productos químicos orgánicos materiales construcción'.split(' ');

/** A workbook with the real file's row counts and typical text lengths. */
export function syntheticWorkbook(): Buffer {
  const r = rng(7);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const iso = (k: number) => `20${String(17 + (k % 8)).padStart(2, '0')}-0${1 + (k % 9)}-1${k % 9}`;
  const sheets: SheetSpec[] = [];
  sheets.push(...satSheets('c_ClaveProdServ', Array.from({ length: 52_500 }, (_, k) => ({
    id: String(10101500 + k * 1700).padStart(8, '0'), texto: words(3 + (k % 6)), iva_trasladado: k % 3 ? '0' : '1', ieps_trasladado: '0', complemento: k % 97 ? '' : 'Complemento Concepto',
    vigencia_desde: '2022-01-01', vigencia_hasta: k % 50 ? '' : '2023-12-31', estimulo_frontera: String(k % 2), similares: k % 2 ? words(2 + (k % 15)) : '',
  })), { random: r }));
  sheets.push(...satSheets('c_CodigoPostal', Array.from({ length: 95_000 }, (_, k) => ({
    id: String(1000 + k).padStart(5, '0'), estado: 'NLE', municipio: k % 4 ? '' : '039', localidad: k % 4 ? '' : '07', estimulo_frontera: String(k % 3 === 0 ? 1 : 0), vigencia_desde: iso(k), vigencia_hasta: '',
    huso_descripcion: 'Tiempo del Centro', huso_verano_mes_inicio: 'Abril', huso_verano_dia_inicio: 'Primer domingo', huso_verano_hora_inicio: '02:00', huso_verano_diferencia: '-5',
    huso_invierno_mes_inicio: 'Octubre', huso_invierno_dia_inicio: 'Último domingo', huso_invierno_hora_inicio: '02:00', huso_invierno_diferencia: '-6',
  })), { random: r, rowsPerSheet: 59_500 }));
  sheets.push(...satSheets('c_Colonia', Array.from({ length: 145_000 }, (_, k) => ({ colonia: String(k % 9999).padStart(4, '0'), codigo_postal: String(1000 + Math.floor(k / 9999) * 7).padStart(5, '0'), texto: `Colonia ${words(1 + (k % 3))}` })), { random: r, rowsPerSheet: 50_000 }));
  sheets.push(...satSheets('c_NumPedimentoAduana', Array.from({ length: 44_000 }, (_, k) => ({ aduana: String(1 + (k % 50)).padStart(2, '0'), patente: String(k % 3400).padStart(4, '0'), ejercicio: String(2000 + Math.floor(k / 170000 * 25 + (k % 25))), cantidad: '999999', vigencia_desde: '2017-01-01', vigencia_hasta: '' })), { random: r }));
  sheets.push(...satSheets('c_ClaveUnidad', Array.from({ length: 2_400 }, (_, k) => ({ id: `U${k}`, texto: words(2), descripcion: words(12), notas: k % 5 ? '' : words(25), vigencia_desde: '2022-01-01', vigencia_hasta: '', simbolo: '' })), { random: r }));
  sheets.push(...satSheets('c_PatenteAduanal', Array.from({ length: 3_400 }, (_, k) => ({ id: String(k).padStart(4, '0'), vigencia_desde: '2001-07-03', vigencia_hasta: '' })), { random: r }));
  sheets.push(...satSheets('c_Aduana', Array.from({ length: 50 }, (_, k) => ({ id: String(k + 1).padStart(2, '0'), texto: words(4).toUpperCase(), vigencia_desde: '2022-01-01', vigencia_hasta: '' })), { random: r }));
  return writeXls(sheets);
}

class CountingSink {
  async replaceCatalog(_c: string, rows: AsyncIterable<ImportRow[]>): Promise<number> {
    let n = 0;
    for await (const b of rows) n += b.length;
    return n;
  }
}

async function measure(file: string, target: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let result;
  if (target === 'sqlite') {
    const store = openSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'bench-catalogs-')), 'cfdi.sqlite') });
    await store.migrate();
    result = await importCatalogs(file, store);
    await store.close();
  } else {
    result = await importCatalogs(file, new CountingSink());
  }
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({
    target,
    seconds: Math.round(performance.now() - t0) / 1000,
    cpuSeconds: Math.round((c.user + c.system) / 1e3) / 1e3,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rows: Object.fromEntries(result.map((x) => [x.catalog, x.rows])),
  }));
}

export async function run(argv: string[]): Promise<void> {
  const at = argv.indexOf('--measure');
  if (at >= 0) return measure(argv[at + 1], argv[at + 2]);
  const json = argv.includes('--json');
  let file = argv.includes('--file') ? argv[argv.indexOf('--file') + 1] : undefined;
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'bench-catalogs-')), 'catCFDI_V_4_sintetico.xls');
    writeFileSync(file, syntheticWorkbook());
  }
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const runs = ['sink', 'sqlite'].map((target) => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', index, 'catalogs', '--measure', file!, target], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (p.status !== 0) throw new Error(p.stderr);
    return JSON.parse(p.stdout.trim().split('\n').pop()!);
  });
  const out = { file, megabytes: Math.round(statSync(file).size / 1e5) / 10, node: process.version, runs };
  if (json) return console.log(JSON.stringify(out));
  console.log(`catalogs import of ${file} (${out.megabytes} MB, ${process.version})`);
  for (const r of runs) console.log(`  into ${r.target.padEnd(6)}: ${r.seconds} s (${r.cpuSeconds} CPU s), peak RSS ${r.peakRssMB} MB, rows ${JSON.stringify(r.rows)}`);
}
