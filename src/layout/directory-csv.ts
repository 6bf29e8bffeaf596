/**
 * CSV import of the empresa directories (`cfdi-async receptor import`, `producto
 * import`). RFC 4180: a header row, `,` separators, fields optionally in double quotes
 * (`""` is a quote; quoted fields may hold commas and line breaks), CRLF or LF, an
 * optional UTF-8 BOM. Column names are matched without regard to case, `_` or `-`.
 *
 * receptores: clave, rfc (required), nombre, regimenFiscal, domicilioFiscal, usoCfdi,
 *   email — `clave` defaults to the RFC.
 * productos: codigo (required), claveProdServ, claveUnidad, unidad, objetoImp,
 *   descripcion, traslados, retenciones — taxes as `IMPUESTO:TipoFactor[:TasaOCuota]`
 *   separated by `;`, e.g. `IVA:Tasa:16;IEPS:Tasa:0.080000` or `002:Exento`.
 *
 * Every problem is reported with its line; good rows are returned either way, and
 * the caller decides whether to import a file with errors.
 */
import type { ImpuestoPerfil, ProductoDirectorio, ReceptorDirectorio, TaxProfile } from './connector.ts';
import { checkImpuesto, checkTasaOCuota, checkTipoFactor } from './values.ts';
import { charLength, sliceChars } from '../shared/text.ts';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

/** Splits RFC 4180 text into rows; returns syntax errors (unterminated quote, text after a closing quote). */
export function readCsv(text: string): { rows: CsvRow[]; errors: string[] } {
  const rows: CsvRow[] = [];
  const errors: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let rowDone = false;
    while (!rowDone) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        if (!closed) errors.push(`Línea ${start}: comillas sin cerrar`);
        // Anything between the closing quote and the separator is an error.
        let junk = '';
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') junk += text[i++];
        if (junk.trim() !== '') errors.push(`Línea ${line}: texto después de las comillas de cierre: ${JSON.stringify(junk.slice(0, 40))}`);
      } else {
        const from = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        cell = text.slice(from, i);
      }
      cells.push(cell);
      if (i >= n) rowDone = true;
      else if (text[i] === ',') i++;
      else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        rowDone = true;
      }
    }
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: start, cells });
  }
  return { rows, errors };
}

/** Errors in file order (row checks and duplicate checks run in separate passes). */
function byLine(errors: string[]): string[] {
  const n = (e: string) => Number(/^Línea (\d+)/.exec(e)?.[1] ?? 0);
  return errors.map((e, i) => [e, i] as const).sort((a, b) => n(a[0]) - n(b[0]) || a[1] - b[1]).map(([e]) => e);
}

const norm = (h: string) => h.trim().toLowerCase().replace(/[_\-\s]/g, '');

interface Column<T> {
  key: keyof T & string;
  aliases: string[];
  check?: (v: string) => string | undefined;
}

function table<T>(text: string, columns: Array<Column<T>>, required: Array<keyof T & string>) {
  const { rows, errors } = readCsv(text);
  const out: Array<{ line: number; row: Partial<Record<keyof T & string, string>> }> = [];
  if (rows.length === 0) {
    errors.push('Línea 1: falta la fila de encabezados');
    return { out, errors };
  }
  const [head, ...body] = rows;
  const index = new Map<string, Column<T>>();
  for (const c of columns) for (const a of [c.key, ...c.aliases]) index.set(norm(a), c);
  const cols: Array<Column<T> | undefined> = head.cells.map((h) => {
    const c = index.get(norm(h));
    if (!c && h.trim() !== '') errors.push(`Línea ${head.line}: columna desconocida ${JSON.stringify(h.trim())} (se aceptan: ${columns.map((x) => x.key).join(', ')})`);
    return c;
  });
  for (const r of required) {
    if (!cols.some((c) => c?.key === r)) errors.push(`Línea ${head.line}: falta la columna obligatoria "${r}"`);
  }
  if (errors.length && !cols.some(Boolean)) return { out, errors };
  for (const r of body) {
    if (r.cells.length > cols.length) {
      errors.push(`Línea ${r.line}: tiene ${r.cells.length} columnas y el encabezado ${cols.length}`);
      continue;
    }
    const row: Partial<Record<keyof T & string, string>> = {};
    let ok = true;
    r.cells.forEach((raw, i) => {
      const c = cols[i];
      const v = raw.trim();
      if (!c || v === '') return;
      const problem = c.check?.(v);
      if (problem) {
        errors.push(`Línea ${r.line}, columna ${c.key}: ${JSON.stringify(charLength(v) > 60 ? sliceChars(v, 57) + '...' : v)} ${problem}`);
        ok = false;
      } else row[c.key] = v;
    });
    for (const k of required) {
      if (row[k] === undefined && ok) {
        errors.push(`Línea ${r.line}, columna ${k}: es obligatorio`);
        ok = false;
      }
    }
    if (ok) out.push({ line: r.line, row });
  }
  return { out, errors };
}

const pattern = (re: RegExp, what: string) => (v: string) => (re.test(v) ? undefined : `no es ${what}`);
const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$/;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

export function parseReceptoresCsv(text: string): { rows: ReceptorDirectorio[]; errors: string[] } {
  const { out, errors } = table<ReceptorDirectorio>(
    text,
    [
      { key: 'clave', aliases: ['id', 'identificador', 'idreceptor'], check: (v) => (charLength(v) > 100 ? 'es demasiado larga (máximo 100)' : undefined) },
      { key: 'rfc', aliases: [], check: (v) => (RFC.test(v.toUpperCase()) ? undefined : 'no es un RFC') },
      { key: 'nombre', aliases: ['razonsocial'], check: (v) => (charLength(v) > 300 ? 'es demasiado largo (máximo 300)' : undefined) },
      { key: 'regimenFiscal', aliases: ['regimenfiscalreceptor', 'regimen'], check: pattern(/^[0-9]{3}$/, 'una clave de c_RegimenFiscal') },
      { key: 'domicilioFiscal', aliases: ['domiciliofiscalreceptor', 'codigopostal', 'cp'], check: pattern(/^[0-9]{5}$/, 'un código postal') },
      { key: 'usoCfdi', aliases: ['usocfdi', 'uso'], check: pattern(/^[A-Z0-9]{3,4}$/, 'una clave de c_UsoCFDI') },
      {
        key: 'email',
        aliases: ['correo', 'correos', 'emails'],
        check: (v) => (v.split(/[;,]/).every((x) => EMAIL.test(x.trim())) ? undefined : 'no es una lista de correos separada por ";"'),
      },
    ],
    ['rfc'],
  );
  const seen = new Map<string, number>();
  const rows: ReceptorDirectorio[] = [];
  for (const { line, row } of out) {
    const rfc = row.rfc!.toUpperCase();
    const r: ReceptorDirectorio = { clave: row.clave ?? rfc, rfc };
    if (row.nombre) r.nombre = row.nombre;
    if (row.regimenFiscal) r.regimenFiscal = row.regimenFiscal;
    if (row.domicilioFiscal) r.domicilioFiscal = row.domicilioFiscal;
    if (row.usoCfdi) r.usoCfdi = row.usoCfdi;
    if (row.email) r.email = row.email;
    const dup = seen.get(r.clave);
    if (dup !== undefined) {
      errors.push(`Línea ${line}, columna clave: "${r.clave}" ya está en la línea ${dup}`);
      continue;
    }
    seen.set(r.clave, line);
    rows.push(r);
  }
  return { rows, errors: byLine(errors) };
}

/** `IVA:Tasa:16;IEPS:Cuota:1.5;002:Exento` → perfiles; a message when malformed. */
export function parseTaxList(v: string, retencion: boolean): ImpuestoPerfil[] | string {
  const out: ImpuestoPerfil[] = [];
  for (const item of v.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [i = '', f = '', t, ...rest] = item.split(':').map((s) => s.trim());
    const imp = checkImpuesto(i);
    const tf = checkTipoFactor(f);
    if (!imp.ok || !tf.ok || rest.length) return `no es una lista de impuestos IMPUESTO:TipoFactor:TasaOCuota (${item})`;
    if (tf.value === 'Exento') {
      if (retencion) return 'una retención no puede ser Exento';
      out.push({ Impuesto: imp.value, TipoFactor: 'Exento' });
      continue;
    }
    if (t === undefined || t === '') return `falta la TasaOCuota en ${item}`;
    const rate = checkTasaOCuota(t, tf.value);
    if (!rate.ok) return `tiene una TasaOCuota que ${rate.problem} (${item})`;
    out.push({ Impuesto: imp.value, TipoFactor: tf.value, TasaOCuota: rate.value });
  }
  return out;
}

export function parseProductosCsv(text: string): { rows: ProductoDirectorio[]; errors: string[] } {
  const taxes = (retencion: boolean) => (v: string) => {
    const r = parseTaxList(v, retencion);
    return typeof r === 'string' ? r : undefined;
  };
  const { out, errors } = table<ProductoDirectorio & { traslados: string; retenciones: string }>(
    text,
    [
      { key: 'codigo', aliases: ['clave', 'noidentificacion', 'codigoproducto'], check: (v) => (charLength(v) > 100 ? 'es demasiado largo (máximo 100)' : undefined) },
      { key: 'claveProdServ', aliases: ['claveprodserv', 'prodserv'], check: pattern(/^[0-9]{8}$/, 'una clave de c_ClaveProdServ (8 dígitos)') },
      { key: 'claveUnidad', aliases: ['claveunidad'], check: pattern(/^[A-Z0-9]{1,3}$/, 'una clave de c_ClaveUnidad') },
      { key: 'unidad', aliases: [], check: (v) => (charLength(v) > 20 ? 'es demasiado larga (máximo 20)' : undefined) },
      { key: 'objetoImp', aliases: ['objetoimp'], check: pattern(/^0[1-8]$/, 'una clave de c_ObjetoImp') },
      { key: 'descripcion', aliases: [], check: (v) => (charLength(v) > 1000 ? 'es demasiado larga (máximo 1000)' : undefined) },
      { key: 'traslados', aliases: [], check: taxes(false) },
      { key: 'retenciones', aliases: [], check: taxes(true) },
    ],
    ['codigo'],
  );
  const seen = new Map<string, number>();
  const rows: ProductoDirectorio[] = [];
  for (const { line, row } of out) {
    const p: ProductoDirectorio = { codigo: row.codigo! };
    if (row.claveProdServ) p.claveProdServ = row.claveProdServ;
    if (row.claveUnidad) p.claveUnidad = row.claveUnidad;
    if (row.unidad) p.unidad = row.unidad;
    if (row.objetoImp) p.objetoImp = row.objetoImp;
    if (row.descripcion) p.descripcion = row.descripcion;
    if (row.traslados !== undefined || row.retenciones !== undefined) {
      const profile: TaxProfile = {
        traslados: row.traslados ? (parseTaxList(row.traslados, false) as ImpuestoPerfil[]) : [],
        retenciones: row.retenciones ? (parseTaxList(row.retenciones, true) as ImpuestoPerfil[]) : [],
      };
      p.taxProfile = profile;
    }
    const dup = seen.get(p.codigo);
    if (dup !== undefined) {
      errors.push(`Línea ${line}, columna codigo: "${p.codigo}" ya está en la línea ${dup}`);
      continue;
    }
    seen.set(p.codigo, line);
    rows.push(p);
  }
  return { rows, errors: byLine(errors) };
}
