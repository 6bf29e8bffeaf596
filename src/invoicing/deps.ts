/**
 * What the invoicing flow needs from the outside world: ports only. `main/` builds
 * this object with the adapters it chooses; tests build it with real adapters too.
 */
import type { Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { Stamper } from '../stamping/stamper.ts';
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
}

export interface InvoicingDeps {
  store: Store;
  queue: JobQueue;
  stamper: Stamper;
  renderer: Renderer;
  ids: IdCipher;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  settings: InvoicingSettings;
  /** E-mail and webhooks (notificaciones/); absent where nothing is notified (some tests, tools). */
  notifier?: Notifier;
  /** Balances of the service's own invoices (issue 13); absent: payment receipts are built from what the document says. */
  pagos?: PagosStore;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
