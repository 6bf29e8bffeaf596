/** What the cancellation capability needs: ports only; `main/` builds it. */
import type { Store } from '../storage/store.ts';
import type { CancelacionesStore } from '../storage/cancelaciones.ts';
import type { Cancelador } from '../stamping/cancelador.ts';
import type { EstadoSat } from '../sat-estado/port.ts';
import type { IdCipher } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../invoicing/deps.ts';
import type { Notifier } from '../invoicing/notifier.ts';
import type { CancelacionConfig } from '../config/config.ts';
import type { DocumentosRelacionados } from './relacionados.ts';
import type { Renderer } from '../rendering/renderer.ts';
import type { PagosStore } from '../storage/pagos.ts';

export interface CancelacionDeps {
  store: Store;
  cancelaciones: CancelacionesStore;
  cancelador: Cancelador;
  estadoSat: EstadoSat;
  relacionados: DocumentosRelacionados;
  ids: IdCipher;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  notifier?: Notifier;
  /** Re-renders the PDF of a cancelled CFDI with its banner. */
  renderer: Renderer;
  settings: CancelacionConfig;
  /**
   * The PAC that stamps for the empresa now (`prueba`, `sw`, `finkok`). Only the test PAC's
   * simulated SAT cancels today: a CFDI of a real PAC is refused (CAN_PAC_SIN_CANCELACION)
   * rather than "cancelled" by a simulator. Absent: every empresa uses the test PAC.
   */
  proveedorDe?: (empresaId: number) => Promise<string>;
  /** Balances of PPD invoices (issue 13): a cancelled payment receipt gives its payments back. */
  pagos?: PagosStore;
}
