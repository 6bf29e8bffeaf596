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
  /** The test PAC's simulated SAT: empresas without a PAC of their own (`prueba`). */
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
   * The empresa's own PAC (sw, finkok): its cancel adapter and the SAT's status service.
   * Absent, or undefined for an empresa: `cancelador` and `estadoSat` above.
   */
  canceladores?: CanceladorDirectory;
  /** Balances of PPD invoices (issue 13): a cancelled payment receipt gives its payments back. */
  pagos?: PagosStore;
}

export interface PacCancelacion {
  proveedor: string;
  cancelador: Cancelador;
  estadoSat: EstadoSat;
}

/** The cancellation side of an empresa's PAC; `main/` builds it beside the StamperDirectory. */
export interface CanceladorDirectory {
  /** Undefined: the empresa has no PAC of its own; the deps' default (the simulated SAT) answers. */
  forEmpresa(empresaId: number): Promise<PacCancelacion | undefined>;
}

/** The empresa's PAC for cancellation, or the deps' default. */
export async function pacDe(d: CancelacionDeps, empresaId: number): Promise<PacCancelacion & { simulado: boolean }> {
  const pac = await d.canceladores?.forEmpresa(empresaId);
  return pac ? { ...pac, simulado: false } : { proveedor: 'prueba', cancelador: d.cancelador, estadoSat: d.estadoSat, simulado: true };
}
