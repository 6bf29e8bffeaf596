/**
 * Builds workbooks laid out like the SAT's `catCFDI_V_4_*.xls` (tests and benchmarks
 * only), from rows in the CSV format of docs/catalogs.md. The layout was learnt from
 * public code that reads the real file (phpcfdi/sat-catalogos-populate's importers and
 * test fixtures): per sheet a title row, a row of version headings and their values,
 * then the column headings (two rows for c_CodigoPostal, whose time-zone columns hang
 * under a merged "Referencias del Huso Horario"); catalogs over 65,536 rows split into
 * `_Parte_N` (c_CodigoPostal) or `_N` (C_Colonia) sheets that repeat the headings, the
 * first ending with a "Continúa en …" row; codes written as text or as numbers (losing
 * leading zeros); dates as serials with a date format, a few as `dd/mm/yyyy` text.
 * The headings are written out here on purpose, not taken from the importer's table.
 */
import type { Cell, SheetSpec } from './biff8.ts';

type Row = Record<string, string>;

interface Layout {
  sheet: string;
  title: string;
  /** [SAT heading, CSV column] in sheet order; '' marks a column the CSV lacks. */
  columns: Array<[string, string]>;
  /** Code columns that the SAT sometimes stores as numbers. */
  numeric?: string[];
  /** Integer columns. */
  integers?: string[];
  /** Columns holding 0/1 that the sheet writes as text ("Sí"/"Opcional"). */
  siOpcional?: string[];
  split?: 'parte' | 'n';
}

const DATE_COLS = new Set(['vigencia_desde', 'vigencia_hasta']);

export const SAT_LAYOUTS: Record<string, Layout> = {
  c_ClaveProdServ: {
    sheet: 'c_ClaveProdServ',
    title: 'Catálogo de Claves de Productos y Servicios.',
    columns: [['c_ClaveProdServ', 'id'], ['Descripción', 'texto'], ['Incluir IVA trasladado', 'iva_trasladado'], ['Incluir IEPS trasladado', 'ieps_trasladado'], ['Complemento que debe incluir', 'complemento'], ['FechaInicioVigencia', 'vigencia_desde'], ['FechaFinVigencia', 'vigencia_hasta'], ['Estímulo Franja Fronteriza', 'estimulo_frontera'], ['Palabras similares', 'similares']],
    numeric: ['id'],
    integers: ['estimulo_frontera'],
    siOpcional: ['iva_trasladado', 'ieps_trasladado'],
  },
  c_ClaveUnidad: {
    sheet: 'c_ClaveUnidad',
    title: 'Catálogo de unidades de medida para los conceptos en el CFDI.',
    columns: [['c_ClaveUnidad', 'id'], ['Nombre', 'texto'], ['Descripción', 'descripcion'], ['Nota', 'notas'], ['Fecha de inicio de vigencia', 'vigencia_desde'], ['Fecha de fin de vigencia', 'vigencia_hasta'], ['Símbolo', 'simbolo']],
    numeric: ['id'],
  },
  c_CodigoPostal: {
    sheet: 'c_CodigoPostal',
    title: 'Catálogo de códigos postales.',
    columns: [['c_CodigoPostal', 'id'], ['c_Estado', 'estado'], ['c_Municipio', 'municipio'], ['c_Localidad', 'localidad'], ['Estímulo Franja Fronteriza', 'estimulo_frontera'], ['Fecha inicio de vigencia ', 'vigencia_desde'], ['Fecha fin de vigencia ', 'vigencia_hasta'], ['Referencias del Huso Horario', 'huso_descripcion'], ['', 'huso_verano_mes_inicio'], ['', 'huso_verano_dia_inicio'], ['', 'huso_verano_hora_inicio'], ['', 'huso_verano_diferencia'], ['', 'huso_invierno_mes_inicio'], ['', 'huso_invierno_dia_inicio'], ['', 'huso_invierno_hora_inicio'], ['', 'huso_invierno_diferencia']],
    numeric: ['id', 'municipio', 'localidad'],
    integers: ['estimulo_frontera', 'huso_verano_diferencia', 'huso_invierno_diferencia'],
    split: 'parte',
  },
  c_Colonia: {
    sheet: 'C_Colonia',
    title: 'Catálogo de colonias.',
    columns: [['c_Colonia', 'colonia'], ['c_CodigoPostal', 'codigo_postal'], ['Nombre del asentamiento', 'texto']],
    numeric: ['colonia', 'codigo_postal'],
    split: 'n',
  },
  c_Aduana: {
    sheet: 'c_Aduana',
    title: 'Catálogo de aduanas.',
    columns: [['c_Aduana', 'id'], ['Descripción', 'texto'], ['Fecha inicio de vigencia', 'vigencia_desde'], ['Fecha fin de vigencia', 'vigencia_hasta']],
    numeric: ['id'],
  },
  c_PatenteAduanal: {
    sheet: 'c_PatenteAduanal',
    title: 'Catálogo de patentes aduanales.',
    columns: [['C_PatenteAduanal', 'id'], ['Inicio de vigencia de la patente', 'vigencia_desde'], ['Fin de vigencia de la patente', 'vigencia_hasta']],
    numeric: ['id'],
  },
  c_NumPedimentoAduana: {
    sheet: 'c_NumPedimentoAduana',
    title: 'Catálogo de números de pedimento operados por aduana y ejercicio.',
    columns: [['c_Aduana', 'aduana'], ['Patente', 'patente'], ['Ejercicio', 'ejercicio'], ['Cantidad', 'cantidad'], ['Fecha inicio de vigencia', 'vigencia_desde'], ['Fecha fin de vigencia', 'vigencia_hasta']],
    numeric: ['aduana', 'patente'],
    integers: ['ejercicio', 'cantidad'],
  },
};

const HUSO_HEADINGS = ['Descripción del Huso Horario', 'Mes_Inicio_Horario_Verano', 'Día_Inicio_Horario_Verano', 'Día_Inicio_Horario_Verano', 'Diferencia_Horaria_Verano', 'Mes_Inicio_Horario_Invierno', 'Día_Inicio_Horario_Invierno', 'Día_Inicio_Horario_Invierno', 'Diferencia_Horaria_Invierno'];

/** Excel serial (1900 date system) of an ISO date. */
export function excelSerial(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25569;
}

export interface SatSheetOptions {
  /** Rows per sheet before a split (65,536 minus headings in the real file). */
  rowsPerSheet?: number;
  /** Pseudo-random choices (numbers vs text for codes, text dates): a seeded generator. */
  random?: () => number;
  /** Catalog version and revision written in the heading rows. */
  version?: string;
  revision?: number;
  published?: string;
}

/** The sheets of one catalog in the SAT's layout. */
export function satSheets(catalog: string, rows: Row[], o: SatSheetOptions = {}): SheetSpec[] {
  const L = SAT_LAYOUTS[catalog];
  const r = o.random ?? (() => 0.5);
  const per = o.rowsPerSheet ?? 65_000;
  const headings: Cell[][] = [
    [L.title],
    ['Versión CFDI', 'Versión catálogo', 'Revisión catálogo', 'Fecha publicación de catálogo', 'Fecha  inicio de vigencia del catálogo'],
    ['4.0', o.version ?? '1.0', o.revision ?? 0, { date: excelSerial(o.published ?? '2022-01-18') }, { date: excelSerial('2022-01-01') }],
    L.columns.map(([h]) => h),
  ];
  const merges: Array<[number, number, number, number]> = [[0, 0, 0, L.columns.length - 1]];
  if (catalog === 'c_CodigoPostal') {
    const huso = L.columns.findIndex(([, c]) => c === 'huso_descripcion');
    headings.push(L.columns.map((_, i) => (i >= huso ? HUSO_HEADINGS[i - huso] : null)));
    merges.push([3, 3, huso, huso + HUSO_HEADINGS.length - 1]);
    for (let i = 0; i < huso; i++) merges.push([3, 4, i, i]);
  }
  const cell = (col: string, v: string): Cell => {
    if (v === '') return null;
    if (DATE_COLS.has(col)) {
      if (r() < 0.05) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
      return { date: excelSerial(v) };
    }
    if (L.siOpcional?.includes(col)) return v === '1' ? 'Sí' : r() < 0.5 ? 'Opcional' : 'No';
    if (L.integers?.includes(col) && /^-?\d+$/.test(v)) return Number(v);
    if (L.numeric?.includes(col) && /^\d+$/.test(v) && r() < 0.5) return Number(v);
    return v;
  };
  const data = rows.map((row) => L.columns.map(([, c]) => cell(c, row[c] ?? '')));
  const parts: Cell[][][] = [];
  for (let i = 0; i < data.length || parts.length === 0; i += per) parts.push(data.slice(i, i + per));
  if (parts.length === 1 && !L.split) return [{ name: L.sheet, rows: [...headings, ...parts[0]], merges }];
  return parts.map((p, k) => {
    const name = L.split === 'n' ? `${L.sheet}_${k + 1}` : `${L.sheet}_Parte_${k + 1}`;
    const tail: Cell[][] = k < parts.length - 1 ? [[], [`Continúa en ${L.split === 'n' ? `${L.sheet}_${k + 2}` : `${L.sheet}_Parte_${k + 2}`}`]] : [];
    return { name, rows: [...headings, ...p, ...tail], merges };
  });
}
