/**
 * The stamping port (PAC). `invoicing/` hands it a sealed CFDI and gets the stamped
 * one back. Adapters, sibling folders with the same file set checked by one contract
 * suite (test/contract/pac.contract.test.ts): `test-pac` (offline, our own test
 * certificate), `sw` (SW Sapien, REST) and `finkok` (Finkok, SOAP).
 *
 * Contract: stamping the same sealed XML twice returns the same TFD (the PACs'
 * "previamente timbrado" semantics), so a retried job is safe.
 */
import type { TimbreFiscalDigital } from '../cfdi/model.ts';

export interface StampResult {
  /** The stamped CFDI, to be stored byte for byte. */
  xml: string;
  tfd: TimbreFiscalDigital;
  /** True for a production PAC; false for test stampers. */
  produccion: boolean;
}

/** A PAC refusal or failure, with the PAC's own code and whether retrying may help. */
export class StampError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StampError';
  }
}

export interface StampOptions {
  /**
   * A key derived from the request, the same on every retry (SW's `customid`): a PAC
   * that supports it answers a repeated key with the first stamp.
   */
  clave?: string;
}

export interface Stamper {
  stamp(sealedXml: string, o?: StampOptions): Promise<StampResult>;
}

/** The stamper of each empresa (its configured PAC); `main/` builds it. */
export interface StamperDirectory {
  /** Undefined: the empresa has no PAC of its own; the default (offline test) stamper stamps. */
  forEmpresa(empresaId: number): Promise<Stamper | undefined>;
}
