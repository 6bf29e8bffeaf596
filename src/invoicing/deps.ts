/**
 * What the invoicing flow needs from the outside world: ports only. `main/` builds
 * this object with the adapters it chooses; tests build it with real adapters too.
 */
import type { Peticion, Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { Stamper, StamperDirectory } from '../stamping/stamper.ts';
import type { EstadoSat } from '../sat-estado/port.ts';
import type { Renderer } from '../rendering/renderer.ts';
import type { IdCipher } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { Clock } from '../shared/clock.ts';
import type { Notifier } from './notifier.ts';
import type { PagosStore } from '../storage/pagos.ts';

/** The subset of a pino logger we use, so tests can pass a silent one. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface InvoicingSettings {
  requestTtlDays: number;
  maxDocumentBytes: number;
  zipPageSize: number;
  /** How long PUT …/cfdis and …/cfdisPdf64 wait for the end before answering 202 (issue 14); default 30 s. */
  syncWaitMs?: number;
}

export interface InvoicingDeps {
  store: Store;
  /** Its jobs may carry their peticion, read in the claim's statement (`Job.subject`). */
  queue: JobQueue<Peticion>;
  stamper: Stamper;
  renderer: Renderer;
  ids: IdCipher;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  settings: InvoicingSettings;
  /** E-mail and webhooks (notificaciones/); absent where nothing is notified (some tests, tools). */
  notifier?: Notifier;
  /** Cancellation acuses for downloads (representacion=ACUSE, ZIPs); absent where nothing is cancelled. */
  acuses?: Acuses;
  // ── issue 11: the PAC of each empresa, the SAT status service ──
  /** The stamper of each empresa (its configured PAC); absent: `stamper` stamps for every empresa. */
  stampers?: StamperDirectory;
  /** The SAT's ConsultaCFDIService; absent where nothing asks it. */
  estadoSat?: EstadoSat;
  /** Balances of the service's own invoices (issue 13); absent: payment receipts are built from what the document says. */
  pagos?: PagosStore;
}

/** The stored acuse of a CFDI's latest cancellation request, as the SAT returned it (issue 12). */
export interface Acuses {
  acuse(cfdiId: number): Promise<string | undefined>;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
