/**
 * Shapes of the small SAT catalogs built into the code (`small-catalogs.generated.ts`).
 * Field names are the SAT's columns in camelCase; codes are the object keys.
 * Dates are `YYYY-MM-DD`; an absent `vigenciaHasta` means "still valid".
 */

export interface Vigencia {
  vigenciaDesde?: string;
  vigenciaHasta?: string;
}

export interface CatalogEntry extends Vigencia {
  texto: string;
}

export interface FormaPago extends CatalogEntry {
  bancarizado: boolean;
  requiereNumeroOperacion: boolean;
  permiteBancoOrdenanteRfc: boolean;
  permiteCuentaOrdenante: boolean;
  /** Regular expression for CtaOrdenante, when any. */
  patronCuentaOrdenante?: string;
  permiteBancoBeneficiarioRfc: boolean;
  permiteCuentaBeneficiario: boolean;
  patronCuentaBeneficiario?: string;
  permiteTipoCadenaPago: boolean;
  requiereBancoOrdenanteNombreExt: boolean;
}

export interface UsoCFDI extends CatalogEntry {
  aplicaFisica: boolean;
  aplicaMoral: boolean;
  /** The SAT column "Régimen Fiscal Receptor": régimen codes this uso may be used with. */
  regimenesFiscalesReceptores: readonly string[];
}

export interface RegimenFiscal extends CatalogEntry {
  aplicaFisica: boolean;
  aplicaMoral: boolean;
}

export interface Moneda extends CatalogEntry {
  decimales: number;
  /** Allowed TipoCambio deviation from the reference rate, percent (decimal string). */
  porcentajeVariacion: string;
}

export interface TipoDeComprobanteEntry extends CatalogEntry {
  /** Decimal string; T is `0`. */
  valorMaximo: string;
}

export interface Impuesto extends CatalogEntry {
  retencion: boolean;
  traslado: boolean;
  ambito: string;
}

export interface TasaOCuota extends Vigencia {
  tipo: 'Fijo' | 'Rango';
  /** Lower bound for `Rango` rows (6 decimals). */
  minimo?: string;
  /** The rate for `Fijo` rows; the upper bound for `Rango` rows (6 decimals). */
  valor: string;
  /** The catalog's text: `IVA`, `IEPS`, `ISR`, or `IVA Crédito aplicado del 50%`. */
  impuesto: string;
  /** c_Impuesto code the row belongs to (`001` ISR, `002` IVA, `003` IEPS). */
  claveImpuesto: string;
  factor: 'Tasa' | 'Cuota';
  traslado: boolean;
  retencion: boolean;
}

export interface Pais extends Vigencia {
  texto: string;
  patronCodigoPostal?: string;
  patronIdentidadTributaria?: string;
  validacionIdentidadTributaria?: string;
  agrupaciones?: string;
}

export interface Estado extends CatalogEntry {
  estado: string;
  pais: string;
}

/** c_TipoFactor has no description column. */
export type TipoFactorEntry = Vigencia;
