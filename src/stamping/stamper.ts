/**
 * The stamping port (PAC). `invoicing/` hands it a sealed CFDI and gets the stamped
 * one back. Adapters: `stamping/test-pac` (offline, our own test certificate) and,
 * later, real PACs.
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

export interface Stamper {
  stamp(sealedXml: string): Promise<StampResult>;
}
