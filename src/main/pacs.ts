/**
 * Chooses the stamper and the cancelador of each empresa from its PAC row (the only place
 * that knows the adapters). Adapters are kept per empresa while the row is unchanged, so
 * SW's token cache survives between documents; the row is read again after a few seconds,
 * so an operator's `pac set` shows without a restart.
 */
import type { Config } from '../config/config.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { PacEmpresa, PacsStore } from '../storage/pacs.ts';
import type { Stamper, StamperDirectory } from '../stamping/stamper.ts';
import { PAC_HOSTS, type PacCredenciales } from '../stamping/pacs.ts';
import { openPacSecret } from '../stamping/secretos.ts';
import { createSwStamper } from '../stamping/sw/index.ts';
import { createFinkokStamper } from '../stamping/finkok/index.ts';
import { createSwCancelador } from '../stamping/sw/cancelar.ts';
import { createFinkokCancelador } from '../stamping/finkok/cancelar.ts';
import type { Cancelador } from '../stamping/cancelador.ts';
import type { EstadoSat } from '../sat-estado/port.ts';
import type { CanceladorDirectory, PacCancelacion } from '../cancelacion/deps.ts';

/** The row's credentials in clear, URLs defaulted to the PAC's official hosts. */
export function credencialesDe(secrets: SecretBox, p: PacEmpresa): PacCredenciales {
  const hosts = p.proveedor === 'prueba' ? { url: '' } : PAC_HOSTS[p.proveedor][p.ambiente];
  const slot = (column: 'password_sealed' | 'token_sealed') => ({ table: 'empresa_pacs' as const, column, empresaId: p.empresaId });
  return {
    proveedor: p.proveedor,
    ambiente: p.ambiente,
    url: p.url ?? hosts.url,
    urlApi: p.urlApi ?? hosts.urlApi,
    usuario: p.usuario,
    password: p.passwordSealed && openPacSecret(secrets, slot('password_sealed'), p.passwordSealed),
    token: p.tokenSealed && openPacSecret(secrets, slot('token_sealed'), p.tokenSealed),
  };
}

/** The adapter for a PAC configuration; `prueba` is the offline test PAC given. */
export function stamperFor(c: PacCredenciales, config: Readonly<Config>['pac'], prueba: Stamper): Stamper {
  const timeouts = { connectMs: config.connectTimeoutMs, totalMs: config.timeoutMs };
  const produccion = c.ambiente === 'produccion';
  switch (c.proveedor) {
    case 'prueba':
      return prueba;
    case 'sw':
      return createSwStamper({ url: c.url, urlApi: c.urlApi ?? c.url, usuario: c.usuario, password: c.password, token: c.token, produccion, timeouts });
    case 'finkok':
      return createFinkokStamper({
        url: c.url, usuario: c.usuario ?? '', password: c.password ?? '', produccion, timeouts,
        recuperacion: { intentos: config.recoveryAttempts, pausaMs: config.recoveryPauseMs },
      });
  }
}

/** The cancel adapter for a PAC configuration; `prueba` is the simulated SAT given. */
export function canceladorFor(c: PacCredenciales, config: Readonly<Config>['pac'], prueba: Cancelador): Cancelador {
  const timeouts = { connectMs: config.connectTimeoutMs, totalMs: config.timeoutMs };
  switch (c.proveedor) {
    case 'prueba':
      return prueba;
    case 'sw':
      return createSwCancelador({ url: c.url, urlApi: c.urlApi ?? c.url, usuario: c.usuario, password: c.password, token: c.token, produccion: c.ambiente === 'produccion', timeouts });
    case 'finkok':
      return createFinkokCancelador({ url: c.url, usuario: c.usuario ?? '', password: c.password ?? '', timeouts });
  }
}

/** Per empresa, what `build` makes of its PAC row (undefined for `prueba` and no row), cached while the row is unchanged. */
function porEmpresa<T>(pacs: PacsStore, ttl: number, build: (row: PacEmpresa) => T): (empresaId: number) => Promise<T | undefined> {
  const cache = new Map<number, { at: number; version: string; value: T | undefined }>();
  return async (empresaId) => {
    const hit = cache.get(empresaId);
    const now = Date.now();
    if (hit && now - hit.at < ttl) return hit.value;
    const row = await pacs.getPac(empresaId);
    const version = row ? `${row.proveedor}|${row.updatedAt}` : 'prueba';
    if (hit && hit.version === version) {
      hit.at = now;
      return hit.value;
    }
    const value = row && row.proveedor !== 'prueba' ? build(row) : undefined;
    cache.set(empresaId, { at: now, version, value });
    return value;
  };
}

/** `prueba` rows and empresas without a row get undefined: the deps' default stamper. */
export function createStamperDirectory(o: {
  pacs: PacsStore;
  secrets: SecretBox;
  config: Readonly<Config>['pac'];
  prueba: Stamper;
  ttlMs?: number;
}): StamperDirectory {
  return { forEmpresa: porEmpresa(o.pacs, o.ttlMs ?? 5_000, (row) => stamperFor(credencialesDe(o.secrets, row), o.config, o.prueba)) };
}

/**
 * The cancelador and status service of each empresa: its PAC's cancel adapter and the SAT's
 * real ConsultaCFDIService (`estadoSat`). `prueba` rows and empresas without a row get
 * undefined: the deps' default, the test PAC's simulated SAT. The row is read on every call
 * (cancellations are rare, and one must never go to the PAC the operator just replaced);
 * the adapter, and SW's token, are kept while the row is unchanged.
 */
export function createCanceladorDirectory(o: {
  pacs: PacsStore;
  secrets: SecretBox;
  config: Readonly<Config>['pac'];
  prueba: Cancelador;
  estadoSat: EstadoSat;
}): CanceladorDirectory {
  return {
    forEmpresa: porEmpresa(o.pacs, 0, (row): PacCancelacion => ({
      proveedor: row.proveedor, cancelador: canceladorFor(credencialesDe(o.secrets, row), o.config, o.prueba), estadoSat: o.estadoSat,
    })),
  };
}
