/**
 * Configuration: read once from the environment (and an optional JSON file named by
 * CFDI_CONFIG_FILE), validated, frozen and passed down. Nothing else reads
 * `process.env`. Precedence: environment > file > defaults.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIP } from 'node:net';

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  tls: { enabled: boolean; certFile?: string; keyFile?: string };
  /** Explicit secret (CFDI_SECRET); when absent the service keeps one in `dataDir/secret`. */
  secret?: string;
  /** `sqlite:<file>` (default: `<dataDir>/cfdi.sqlite`) or `postgres://…`. */
  databaseUrl: string;
  /** Worker threads that run the pipeline in this process; 0 = none (API only). */
  workers: number;
  /** Jobs each worker thread runs at once. */
  workerConcurrency: number;
  /** SQLite WAL checkpoints: `background` (a thread of their own, writers never stall on one) or `inline` (SQLite's default, in the committing writer). */
  sqliteCheckpoint: 'background' | 'inline';
  /** Nice value of pipeline worker threads (Linux; 0 = as the API thread): the API answers first when both want a core. */
  workerNice: number;
  /** Each worker thread's V8 young generation, MB (memory against scavenge frequency). */
  workerYoungGenerationMb: number;
  /**
   * Each worker thread's V8 old-generation limit, MB: a thread past it dies (and is replaced),
   * and below ~2 GB it also makes V8 collect before garbage grows to several times the live data.
   */
  workerOldGenerationMb: number;
  maxAttempts: number;
  /** Retry delay after the first failed attempt; doubles per attempt up to backoffCapMs. */
  backoffBaseMs: number;
  backoffCapMs: number;
  leaseMs: number;
  /** Days a peticion answers before it is purged (the CFDIs are kept). */
  requestTtlDays: number;
  maxDocumentBytes: number;
  /** Largest number of CFDIs one bulk ZIP download holds; the rest are paged. */
  zipPageSize: number;
  /** How long the synchronous PUT …/cfdis and …/cfdisPdf64 wait for the CFDI before answering 202 EN_PROCESO. */
  syncWaitMs: number;
  logLevel: string;
  testPac: { rfcProvCertif: string };
  /** Base URL printed in the demo `curl` (defaults from host/port/tls). */
  publicUrl?: string;
  /** E-mail and webhook deliveries (notificaciones/). */
  notificaciones: NotificacionesConfig;
  /** What one keyEmpresa, and all of them together, may ask of one API process (http/limits.ts). */
  limits: LimitsConfig;
  /** Cancellation (issue 12, cancelacion/). */
  cancelacion: CancelacionConfig;
  /** Calls to real PACs and the SAT status service (issue 11). */
  pac: PacConfig;
  /** /metrics shows every tenant's counts: a bearer token it requires, and/or an address of its own instead of the API's port. */
  metrics: { token?: string; bind?: { host: string; port: number } };
}

export interface LimitsConfig {
  /** Requests per second each keyEmpresa may sustain; 0 turns the limit off. */
  perSecond: number;
  /** Requests a keyEmpresa may send at once after being idle. */
  burst: number;
  /** Bulk ZIP downloads streaming at once (each holds up to 8 MB of buffers). */
  bulkDownloads: number;
}

export interface CancelacionConfig {
  /** How long the cancel call waits for the PAC before answering CAN_EN_CURSO and retrying in the background. */
  pacTimeoutMs: number;
  /** How often the background job asks the SAT about a pending cancellation (and retries an unanswered request). */
  revisionMs: number;
}

export interface PacConfig {
  /** Longest wait for a connection (TCP and TLS) to a PAC or the SAT. */
  connectTimeoutMs: number;
  /** Longest wait for a complete answer, connection included. */
  timeoutMs: number;
  /** Finkok `stamped` calls after a 307 without data, and the first pause between them (doubles). */
  recoveryAttempts: number;
  recoveryPauseMs: number;
  /** Longest pause between two attempts of a request whose stamp is unknown (it is retried until known). */
  retryCapMs: number;
  /** The SAT's ConsultaCFDIService endpoint. */
  satEstadoUrl: string;
}

export interface NotificacionesConfig {
  /** Deliveries in flight per worker thread. */
  concurrency: number;
  /** Deliveries of one empresa and channel in flight at once across the deployment (a hung server holds no more). */
  perEmpresa: number;
  /** Retry delay after the first failed attempt; doubles up to backoffCapMs. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Retries stop this many hours after a delivery was created (at least 24). */
  retryHours: number;
  smtpTimeoutMs: number;
  webhookTimeoutMs: number;
  /** Networks a webhook URL may resolve to besides public ones: `loopback`, `private`, `link-local` or CIDRs. */
  webhookAllowNetworks: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Source = Record<string, string | undefined>;

const KEYS = [
  'CFDI_DATA_DIR', 'CFDI_HOST', 'CFDI_PORT', 'CFDI_TLS', 'CFDI_TLS_CERT', 'CFDI_TLS_KEY', 'CFDI_SECRET',
  'CFDI_DATABASE_URL', 'CFDI_WORKERS', 'CFDI_WORKER_CONCURRENCY', 'CFDI_WORKER_NICE', 'CFDI_SQLITE_CHECKPOINT', 'CFDI_WORKER_YOUNG_GENERATION_MB', 'CFDI_WORKER_OLD_GENERATION_MB',
  'CFDI_MAX_ATTEMPTS', 'CFDI_LEASE_MS',
  'CFDI_BACKOFF_BASE_MS', 'CFDI_BACKOFF_CAP_MS',
  'CFDI_REQUEST_TTL_DAYS', 'CFDI_MAX_DOCUMENT_BYTES', 'CFDI_ZIP_PAGE_SIZE', 'CFDI_LOG_LEVEL',
  'CFDI_TEST_PAC_RFC', 'CFDI_PUBLIC_URL', 'CFDI_SYNC_WAIT_MS',
  // notificaciones (e-mail and webhooks)
  'CFDI_DELIVERY_CONCURRENCY', 'CFDI_DELIVERY_PER_EMPRESA', 'CFDI_DELIVERY_BACKOFF_BASE_MS', 'CFDI_DELIVERY_BACKOFF_CAP_MS',
  'CFDI_DELIVERY_RETRY_HOURS', 'CFDI_SMTP_TIMEOUT_MS', 'CFDI_WEBHOOK_TIMEOUT_MS', 'CFDI_WEBHOOK_ALLOW_NETWORKS',
  // limits (issue 16)
  'CFDI_RATE_LIMIT_PER_SECOND', 'CFDI_RATE_LIMIT_BURST', 'CFDI_MAX_BULK_DOWNLOADS',
  // cancellation (issue 12)
  'CFDI_CANCELACION_TIMEOUT_MS', 'CFDI_CANCELACION_REVISION_MS',
  // PACs and the SAT status service (issue 11)
  'CFDI_PAC_CONNECT_TIMEOUT_MS', 'CFDI_PAC_TIMEOUT_MS', 'CFDI_PAC_RECOVERY_ATTEMPTS', 'CFDI_PAC_RECOVERY_PAUSE_MS',
  'CFDI_PAC_RETRY_CAP_MS', 'CFDI_SAT_ESTADO_URL',
  // operations (issue 16)
  'CFDI_METRICS_TOKEN', 'CFDI_METRICS_BIND',
] as const;

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Source = process.env, overrides: Partial<Record<(typeof KEYS)[number], string>> = {}): Readonly<Config> {
  let file: Source = {};
  if (env.CFDI_CONFIG_FILE) {
    try {
      file = JSON.parse(readFileSync(env.CFDI_CONFIG_FILE, 'utf8')) as Source;
    } catch (e) {
      throw new ConfigError(`CFDI_CONFIG_FILE ${env.CFDI_CONFIG_FILE}: ${(e as Error).message}`);
    }
  }
  const problems: string[] = [];
  const get = (k: (typeof KEYS)[number]): string | undefined => {
    const v = overrides[k] ?? env[k] ?? (file[k] === undefined ? undefined : String(file[k]));
    return v === undefined || v === '' ? undefined : v;
  };
  const int = (k: (typeof KEYS)[number], def: number, min: number, max: number): number => {
    const raw = get(k);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${k} must be an integer from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const oneOf = <T extends string>(k: (typeof KEYS)[number], allowed: readonly T[], def: T): T => {
    const raw = get(k);
    if (raw === undefined) return def;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${k} must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got "${raw}")`);
      return def;
    }
    return raw as T;
  };
  for (const k of Object.keys(file)) {
    if (!(KEYS as readonly string[]).includes(k)) problems.push(`unknown key ${k} in CFDI_CONFIG_FILE`);
  }

  const dataDir = resolve(get('CFDI_DATA_DIR') ?? './data');
  const tlsRaw = (get('CFDI_TLS') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(tlsRaw)) problems.push(`CFDI_TLS must be "on" or "off" (got "${tlsRaw}")`);
  const certFile = get('CFDI_TLS_CERT');
  const keyFile = get('CFDI_TLS_KEY');
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('CFDI_TLS_CERT and CFDI_TLS_KEY go together');
  const secret = get('CFDI_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('CFDI_SECRET must have at least 32 characters');
  const databaseUrl = get('CFDI_DATABASE_URL') ?? `sqlite:${resolve(dataDir, 'cfdi.sqlite')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push('CFDI_DATABASE_URL must start with sqlite: or postgres://');
  }
  const metricsToken = get('CFDI_METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) problems.push('CFDI_METRICS_TOKEN must have at least 16 characters');
  const metricsBindRaw = get('CFDI_METRICS_BIND');
  let metricsBind: { host: string; port: number } | undefined;
  if (metricsBindRaw !== undefined) {
    // host:port, [v6]:port
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(metricsBindRaw);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65_535) problems.push(`CFDI_METRICS_BIND must be host:port, e.g. 127.0.0.1:9464 (got "${metricsBindRaw}")`);
    else metricsBind = { host: m[1] ?? m[2], port };
  }
  const config: Config = {
    dataDir,
    host: get('CFDI_HOST') ?? '0.0.0.0',
    port: int('CFDI_PORT', 9050, 0, 65_535),
    tls: { enabled: tlsRaw !== 'off', certFile, keyFile },
    secret,
    databaseUrl,
    workers: int('CFDI_WORKERS', availableParallelism(), 0, 256),
    workerConcurrency: int('CFDI_WORKER_CONCURRENCY', 2, 1, 64),
    workerNice: int('CFDI_WORKER_NICE', 5, 0, 19),
    sqliteCheckpoint: oneOf('CFDI_SQLITE_CHECKPOINT', ['background', 'inline'] as const, 'background'),
    workerYoungGenerationMb: int('CFDI_WORKER_YOUNG_GENERATION_MB', 12, 3, 1_024),
    // A 2 MB document (CFDI_MAX_DOCUMENT_BYTES) needs ~160 MB of heap: two at once fit in 512.
    workerOldGenerationMb: int('CFDI_WORKER_OLD_GENERATION_MB', 512, 128, 65_536),
    maxAttempts: int('CFDI_MAX_ATTEMPTS', 8, 1, 100),
    backoffBaseMs: int('CFDI_BACKOFF_BASE_MS', 1_000, 1, 3_600_000),
    backoffCapMs: int('CFDI_BACKOFF_CAP_MS', 300_000, 1, 86_400_000),
    leaseMs: int('CFDI_LEASE_MS', 30_000, 1_000, 3_600_000),
    requestTtlDays: int('CFDI_REQUEST_TTL_DAYS', 30, 1, 3_650),
    maxDocumentBytes: int('CFDI_MAX_DOCUMENT_BYTES', 2 * 1024 * 1024, 1_024, 64 * 1024 * 1024),
    zipPageSize: int('CFDI_ZIP_PAGE_SIZE', 5_000, 1, 100_000),
    syncWaitMs: int('CFDI_SYNC_WAIT_MS', 30_000, 0, 600_000),
    logLevel: get('CFDI_LOG_LEVEL') ?? 'info',
    testPac: { rfcProvCertif: get('CFDI_TEST_PAC_RFC') ?? 'SPR190613I52' },
    publicUrl: get('CFDI_PUBLIC_URL'),
    notificaciones: {
      concurrency: int('CFDI_DELIVERY_CONCURRENCY', 4, 1, 64),
      perEmpresa: int('CFDI_DELIVERY_PER_EMPRESA', 4, 1, 1_000),
      backoffBaseMs: int('CFDI_DELIVERY_BACKOFF_BASE_MS', 30_000, 1, 3_600_000),
      backoffCapMs: int('CFDI_DELIVERY_BACKOFF_CAP_MS', 3_600_000, 1, 86_400_000),
      retryHours: int('CFDI_DELIVERY_RETRY_HOURS', 72, 24, 720),
      smtpTimeoutMs: int('CFDI_SMTP_TIMEOUT_MS', 30_000, 100, 600_000),
      webhookTimeoutMs: int('CFDI_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      webhookAllowNetworks: (get('CFDI_WEBHOOK_ALLOW_NETWORKS') ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    },
    limits: {
      perSecond: int('CFDI_RATE_LIMIT_PER_SECOND', 100, 0, 1_000_000),
      burst: int('CFDI_RATE_LIMIT_BURST', 300, 1, 10_000_000),
      bulkDownloads: int('CFDI_MAX_BULK_DOWNLOADS', 2, 1, 1_000),
    },
    cancelacion: {
      pacTimeoutMs: int('CFDI_CANCELACION_TIMEOUT_MS', 30_000, 100, 600_000),
      revisionMs: int('CFDI_CANCELACION_REVISION_MS', 600_000, 50, 86_400_000),
    },
    pac: {
      connectTimeoutMs: int('CFDI_PAC_CONNECT_TIMEOUT_MS', 10_000, 50, 120_000),
      timeoutMs: int('CFDI_PAC_TIMEOUT_MS', 60_000, 100, 600_000),
      recoveryAttempts: int('CFDI_PAC_RECOVERY_ATTEMPTS', 5, 1, 50),
      recoveryPauseMs: int('CFDI_PAC_RECOVERY_PAUSE_MS', 500, 0, 60_000),
      retryCapMs: int('CFDI_PAC_RETRY_CAP_MS', 300_000, 10, 86_400_000),
      satEstadoUrl: get('CFDI_SAT_ESTADO_URL') ?? 'https://consultaqr.facturaelectronica.sat.gob.mx/ConsultaCFDIService.svc',
    },
    metrics: { token: metricsToken, bind: metricsBind },
  };
  if (config.pac.connectTimeoutMs > config.pac.timeoutMs) problems.push('CFDI_PAC_CONNECT_TIMEOUT_MS must not exceed CFDI_PAC_TIMEOUT_MS');
  if (!/^https?:\/\//.test(config.pac.satEstadoUrl)) problems.push('CFDI_SAT_ESTADO_URL must be an http(s) URL');
  for (const n of config.notificaciones.webhookAllowNetworks) {
    const cidr = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(n);
    if (!['loopback', 'private', 'link-local'].includes(n.toLowerCase()) && !(cidr && isIP(cidr[1]) && Number(cidr[2]) <= (isIP(cidr[1]) === 4 ? 32 : 128))) {
      problems.push(`CFDI_WEBHOOK_ALLOW_NETWORKS: "${n}" is not loopback, private, link-local or a CIDR such as 10.2.0.0/16`);
    }
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`CFDI_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n- ${problems.join('\n- ')}`);
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
