/**
 * A SAT rule: one code of the SAT's error matrix (`CFDI40108`), pure, returning
 * findings. Outcomes are data, never exceptions (after CfdiUtils' asserts).
 */
import type { Comprobante } from '../cfdi/model.ts';
import type { RegistryData } from './registry.ts';

export type FindingStatus = 'ok' | 'error' | 'warning' | 'notChecked' | 'notApplicable';

export interface Finding {
  code: string;
  status: FindingStatus;
  /** The SAT's message, verbatim from the matrix. */
  message: string;
  /** Node and attribute, e.g. `Comprobante` / `SubTotal`, or `Concepto[2]` / `Importe`. */
  node?: string;
  attribute?: string;
  /** The offending value, when there is one. */
  value?: string;
  /** Why it was not checked, or extra detail for the operator. */
  detail?: string;
}

/** Data a rule may need beyond the document; everything is preloaded so rules stay sync and pure. */
export interface RuleContext {
  /** Large-catalog rows the document refers to, preloaded by the engine: catalog → key → row data. */
  catalogs: ReadonlyMap<string, ReadonlyMap<string, Record<string, string>>>;
  /** Catalogs that are loaded at all (a rule without its catalog reports notChecked). */
  loadedCatalogs: ReadonlySet<string>;
  /**
   * Loaded catalogs known to be incomplete (e.g. only part of c_CodigoPostal): a key that
   * is missing from them is reported notChecked, never an error.
   */
  partialCatalogs?: ReadonlySet<string>;
  /** Data from the SAT registers (LRFC, LCO, confirmations…) preloaded from a pluggable source. */
  registry?: RegistryData;
  /** The cadena original of the document, when it could be built (needed by CFDI40102). */
  cadenaOriginal?: string;
  /** Why the cadena original could not be built (e.g. "complemento no soportado: …"). */
  cadenaError?: string;
}

export interface Rule {
  code: string;
  check(c: Comprobante, ctx: RuleContext): Finding[];
  /** The matrix's node, attribute and message of the code (informative). */
  node?: string;
  attribute?: string;
  message?: string;
}
