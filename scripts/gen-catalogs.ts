/**
 * Regenerates `src/catalogs/small-catalogs.generated.ts` from the SAT catalog CSV
 * files (the format of `../shared/sat/catalogs/`, see docs/catalogs.md).
 *
 *   node --import tsx scripts/gen-catalogs.ts [CSV_DIR] [--check]
 *
 * CSV_DIR defaults to `$CFDI_SHARED_DIR/sat/catalogs` or `../shared/sat/catalogs`.
 * `--check` writes nothing and exits 1 when the committed file differs (CI integrity check).
 * Only the small catalogs are built in; the large ones are imported into the database
 * with `cfdi-async catalogs import DIR` (src/catalogs/import.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvObjects } from '../src/catalogs/csv.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(repoRoot, 'src/catalogs/small-catalogs.generated.ts');

type Row = Record<string, string>;

const bool = (v: string | undefined): boolean => v === '1';
const opt = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
/** c_TipoDeComprobante row N has an empty vigencia_desde in the source: the catalog starts 2022-01-01. */
const desde = (v: string | undefined): string => opt(v) ?? '2022-01-01';
const vig = (r: Row) => ({ vigenciaDesde: desde(r.vigencia_desde), vigenciaHasta: opt(r.vigencia_hasta) });
const IMPUESTO_CLAVE: Record<string, string> = { ISR: '001', IVA: '002', IEPS: '003' };

interface Spec {
  name: string;
  type: string;
  /** Keyed object (default) or array. */
  array?: boolean;
  key?: (r: Row) => string;
  map: (r: Row) => Record<string, unknown>;
}

const SPECS: Spec[] = [
  {
    name: 'c_FormaPago',
    type: 'FormaPago',
    map: (r) => ({
      texto: r.texto,
      bancarizado: bool(r.es_bancarizado),
      requiereNumeroOperacion: bool(r.requiere_numero_operacion),
      permiteBancoOrdenanteRfc: bool(r.permite_banco_ordenante_rfc),
      permiteCuentaOrdenante: bool(r.permite_cuenta_ordenante),
      patronCuentaOrdenante: opt(r.patron_cuenta_ordenante),
      permiteBancoBeneficiarioRfc: bool(r.permite_banco_beneficiario_rfc),
      permiteCuentaBeneficiario: bool(r.permite_cuenta_beneficiario),
      patronCuentaBeneficiario: opt(r.patron_cuenta_beneficiario),
      permiteTipoCadenaPago: bool(r.permite_tipo_cadena_pago),
      requiereBancoOrdenanteNombreExt: bool(r.requiere_banco_ordenante_nombre_ext),
      ...vig(r),
    }),
  },
  { name: 'c_MetodoPago', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  {
    name: 'c_UsoCFDI',
    type: 'UsoCFDI',
    map: (r) => ({
      texto: r.texto,
      aplicaFisica: bool(r.aplica_fisica),
      aplicaMoral: bool(r.aplica_moral),
      // The SAT column has irregular spacing ("625,626"): split on commas and trim.
      regimenesFiscalesReceptores: r.regimenes_fiscales_receptores.split(',').map((s) => s.trim()).filter(Boolean),
      ...vig(r),
    }),
  },
  {
    name: 'c_RegimenFiscal',
    type: 'RegimenFiscal',
    map: (r) => ({ texto: r.texto, aplicaFisica: bool(r.aplica_fisica), aplicaMoral: bool(r.aplica_moral), ...vig(r) }),
  },
  {
    name: 'c_Moneda',
    type: 'Moneda',
    map: (r) => ({ texto: r.texto, decimales: Number(r.decimales), porcentajeVariacion: r.porcentaje_variacion, ...vig(r) }),
  },
  {
    name: 'c_TipoDeComprobante',
    type: 'TipoDeComprobanteEntry',
    map: (r) => ({ texto: r.texto, valorMaximo: r.valor_maximo, ...vig(r) }),
  },
  { name: 'c_Exportacion', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  { name: 'c_ObjetoImp', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  {
    name: 'c_Impuesto',
    type: 'Impuesto',
    map: (r) => ({ texto: r.texto, retencion: bool(r.retencion), traslado: bool(r.traslado), ambito: r.ambito, ...vig(r) }),
  },
  { name: 'c_TipoFactor', type: 'TipoFactorEntry', map: (r) => ({ ...vig(r) }) },
  {
    name: 'c_TasaOCuota',
    type: 'TasaOCuota',
    array: true,
    map: (r) => ({
      tipo: r.tipo,
      minimo: opt(r.minimo),
      valor: r.valor,
      impuesto: r.impuesto,
      claveImpuesto: IMPUESTO_CLAVE[r.impuesto.split(' ')[0]],
      factor: r.factor,
      traslado: bool(r.traslado),
      retencion: bool(r.retencion),
      ...vig(r),
    }),
  },
  { name: 'c_TipoRelacion', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  { name: 'c_Periodicidad', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  { name: 'c_Meses', type: 'CatalogEntry', map: (r) => ({ texto: r.texto, ...vig(r) }) },
  {
    name: 'c_Pais',
    type: 'Pais',
    map: (r) => ({
      texto: r.texto,
      patronCodigoPostal: opt(r.patron_codigo_postal),
      patronIdentidadTributaria: opt(r.patron_identidad_tributaria),
      validacionIdentidadTributaria: opt(r.validacion_identidad_tributaria),
      agrupaciones: opt(r.agrupaciones),
    }),
  },
  {
    name: 'c_Estado',
    type: 'Estado',
    key: (r) => `${r.estado}|${r.pais}`,
    map: (r) => ({ estado: r.estado, pais: r.pais, texto: r.texto, ...vig(r) }),
  },
];

function literal(o: Record<string, unknown>): string {
  const parts = Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Builds the generated module's text from the CSV directory. */
export function generate(csvDir: string): string {
  const out: string[] = [
    '// GENERATED by scripts/gen-catalogs.ts from the SAT catalog CSV files — do not edit.',
    '// Regenerate: node --import tsx scripts/gen-catalogs.ts [CSV_DIR]   (see docs/catalogs.md)',
    "import type { CatalogEntry, Estado, FormaPago, Impuesto, Moneda, Pais, RegimenFiscal, TasaOCuota, TipoDeComprobanteEntry, TipoFactorEntry, UsoCFDI } from './types.ts';",
    '',
  ];
  for (const spec of SPECS) {
    const rows = parseCsvObjects(readFileSync(join(csvDir, `${spec.name}.csv`), 'utf8'));
    if (spec.array) {
      out.push(`export const ${spec.name}: readonly ${spec.type}[] = [`);
      for (const r of rows) out.push(`  ${literal(spec.map(r))},`);
      out.push('];', '');
    } else {
      out.push(`export const ${spec.name}: Readonly<Record<string, ${spec.type}>> = {`);
      for (const r of rows) out.push(`  ${JSON.stringify(spec.key ? spec.key(r) : r.id)}: ${literal(spec.map(r))},`);
      out.push('};', '');
    }
  }
  return out.join('\n');
}

function defaultDir(): string {
  const shared = process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
  return join(shared, 'sat', 'catalogs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dir = args.find((a) => !a.startsWith('--')) ?? defaultDir();
  const text = generate(dir);
  if (check) {
    const same = readFileSync(GENERATED_FILE, 'utf8') === text;
    console.log(same ? 'small catalogs up to date' : 'small catalogs differ from the CSV files: regenerate');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(GENERATED_FILE, text);
  console.log(`wrote ${GENERATED_FILE}`);
}
