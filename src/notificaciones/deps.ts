/**
 * What the notifications capability needs: the storage ports, the public-id cipher (the
 * GET fields in webhook bodies), the secret box, a clock, a logger and its settings.
 * `main/` builds it beside `InvoicingDeps`.
 */
import type { Store } from '../storage/store.ts';
import type { NotificacionesStore } from '../storage/notificaciones.ts';
import type { IdCipher } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../invoicing/deps.ts';
import type { NotificacionesConfig } from '../config/config.ts';
import { parseAllowedNetworks, type NetworkPolicy } from './webhooks/red.ts';

export interface NotificacionesSettings {
  perEmpresa: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Retry window of a delivery. */
  ventanaMs: number;
  smtpTimeoutMs: number;
  webhookTimeoutMs: number;
  redes: NetworkPolicy;
}

export interface NotificacionesDeps {
  store: Store;
  notificaciones: NotificacionesStore;
  ids: IdCipher;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  settings: NotificacionesSettings;
}

export function notificacionesSettings(c: NotificacionesConfig): NotificacionesSettings {
  return {
    perEmpresa: c.perEmpresa,
    backoffBaseMs: c.backoffBaseMs,
    backoffCapMs: c.backoffCapMs,
    ventanaMs: c.retryHours * 3_600_000,
    smtpTimeoutMs: c.smtpTimeoutMs,
    webhookTimeoutMs: c.webhookTimeoutMs,
    redes: parseAllowedNetworks(c.webhookAllowNetworks),
  };
}
