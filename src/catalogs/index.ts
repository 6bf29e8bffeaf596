/**
 * The small SAT catalogs, built into the code (generated from the SAT CSV files by
 * `scripts/gen-catalogs.ts`), and lookups over them. The large catalogs
 * (c_ClaveProdServ, c_CodigoPostal, …) live in the database: see `import.ts`.
 */
import {
  c_Estado,
  c_Exportacion,
  c_FormaPago,
  c_Impuesto,
  c_Meses,
  c_MetodoPago,
  c_Moneda,
  c_ObjetoImp,
  c_Pais,
  c_Periodicidad,
  c_RegimenFiscal,
  c_TasaOCuota,
  c_TipoDeComprobante,
  c_TipoFactor,
  c_TipoRelacion,
  c_UsoCFDI,
} from './small-catalogs.generated.ts';
import type { TasaOCuota, Vigencia } from './types.ts';

export {
  c_Estado,
  c_Exportacion,
  c_FormaPago,
  c_Impuesto,
  c_Meses,
  c_MetodoPago,
  c_Moneda,
  c_ObjetoImp,
  c_Pais,
  c_Periodicidad,
  c_RegimenFiscal,
  c_TasaOCuota,
  c_TipoDeComprobante,
  c_TipoFactor,
  c_TipoRelacion,
  c_UsoCFDI,
};
export type * from './types.ts';

/** The keyed small catalogs by SAT name (c_TasaOCuota, a list of rows, is not keyed). */
export const SMALL_CATALOGS: Readonly<Record<string, Readonly<Record<string, Vigencia & { texto?: string }>>>> = {
  c_FormaPago,
  c_MetodoPago,
  c_UsoCFDI,
  c_RegimenFiscal,
  c_Moneda,
  c_TipoDeComprobante,
  c_Exportacion,
  c_ObjetoImp,
  c_Impuesto,
  c_TipoFactor,
  c_TipoRelacion,
  c_Periodicidad,
  c_Meses,
  c_Pais,
  c_Estado,
};

/**
 * The catalog's description of a code, e.g. `describe('c_RegimenFiscal', '601')` →
 * `'General de Ley Personas Morales'`. c_Estado accepts `JAL` (México) or `TX|USA`.
 * c_TipoFactor has no description: the code itself is returned. Undefined when unknown.
 */
export function describe(catalog: string, code: string): string | undefined {
  const table = SMALL_CATALOGS[catalog];
  if (!table || !Object.hasOwn(table, catalogKey(catalog, code))) return undefined;
  const entry = table[catalogKey(catalog, code)];
  return entry.texto ?? code;
}

function catalogKey(catalog: string, code: string): string {
  return catalog === 'c_Estado' && !code.includes('|') ? `${code}|MEX` : code;
}

/** Decimals the SAT allows for amounts in a currency (c_Moneda.decimales); undefined when unknown. */
export function monedaDecimales(code: string): number | undefined {
  return Object.hasOwn(c_Moneda, code) ? c_Moneda[code].decimales : undefined;
}

/**
 * The date the CFDI 4.0 catalogs were published with. A key whose vigencia starts on it
 * (or before) was in the catalog from the start, most of them since CFDI 3.3: that date
 * says when the 4.0 catalog was issued, not when the key became usable, so it is no
 * lower bound (keys added later, e.g. ObjetoImp 04 from 2022-10-07, keep theirs).
 */
export const INICIO_CATALOGOS_40 = '2022-01-01';

/**
 * Whether a catalog entry is valid at a Comprobante's `Fecha` (`AAAA-MM-DDThh:mm:ss` or a
 * date): vigenciaDesde ≤ date ≤ vigenciaHasta (absent bounds are open; see INICIO_CATALOGOS_40).
 */
export function vigente(entry: Vigencia, fecha: string): boolean {
  const day = fecha.slice(0, 10);
  if (entry.vigenciaDesde && entry.vigenciaDesde > INICIO_CATALOGOS_40 && day < entry.vigenciaDesde) return false;
  if (entry.vigenciaHasta && day > entry.vigenciaHasta) return false;
  return true;
}

/** The entry of a keyed small catalog when it exists and is valid at `fecha`. */
export function lookup<T extends Vigencia>(
  table: Readonly<Record<string, T>>,
  code: string | undefined,
  fecha: string,
): T | undefined {
  if (code === undefined || !Object.hasOwn(table, code)) return undefined;
  const entry = table[code];
  return vigente(entry, fecha) ? entry : undefined;
}

/**
 * The c_TasaOCuota rows a tax line may use: same impuesto (c_Impuesto code), factor and
 * traslado/retención flag, valid at `fecha`.
 */
export function tasaOCuotaRows(
  impuesto: string,
  factor: string,
  uso: 'traslado' | 'retencion',
  fecha: string,
): TasaOCuota[] {
  return c_TasaOCuota.filter((r) => r.claveImpuesto === impuesto && r.factor === factor && r[uso] && vigente(r, fecha));
}

/** RFC length 12 is a persona moral, 13 a persona física (Anexo 20, t_RFC). */
export function tipoPersona(rfc: string): 'moral' | 'fisica' | undefined {
  if (rfc.length === 12) return 'moral';
  if (rfc.length === 13) return 'fisica';
  return undefined;
}
