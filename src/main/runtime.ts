/**
 * Composition root: the only place that chooses adapters (SQLite or PostgreSQL, the
 * stamper, the renderer) and builds the ports that `invoicing/` receives.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino, type Logger as PinoLogger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import type { Renderer } from '../rendering/renderer.ts';
import { openSqliteStore } from '../storage/sqlite/index.ts';
import { openSqliteQueue } from '../queue/sqlite/index.ts';
import { openPostgresStore } from '../storage/postgres/index.ts';
import { openPostgresQueue } from '../queue/postgres/index.ts';
import { createIdCipher } from '../shared/ids.ts';
import { createSecretBox, type SecretBox } from '../shared/secret-box.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { createTestPacStamper, generateTestPacCredentials } from '../stamping/test-pac/index.ts';
import { createPdfRenderer } from '../rendering/pool.ts';
import type { NotificacionesStore } from '../storage/notificaciones.ts';
import { openSqliteNotificaciones } from '../storage/sqlite/notificaciones.ts';
import { openPostgresNotificaciones } from '../storage/postgres/notificaciones.ts';
import type { PagosStore } from '../storage/pagos.ts';
import { openSqlitePagos } from '../storage/sqlite/pagos.ts';
import { openPostgresPagos } from '../storage/postgres/pagos.ts';
import { notificacionesSettings, type NotificacionesDeps } from '../notificaciones/deps.ts';
import { createNotifier } from '../notificaciones/eventos.ts';

export interface Runtime {
  config: Readonly<Config>;
  store: Store;
  queue: JobQueue;
  deps: InvoicingDeps;
  /** E-mail and webhooks: what the delivery runner and the CLI need. */
  notificaciones: NotificacionesDeps;
  log: PinoLogger;
  secretBytes: Buffer;
  testPacCertificatePem: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  /** `worker` sizes database pools for a pipeline worker thread. */
  role?: 'api' | 'worker';
  /** Renderer threads in this runtime: 0 renders in the calling thread. */
  renderThreads?: number;
  log?: PinoLogger;
  /**
   * The process's SQLite writer mutex (storage/sqlite/write-lock.ts), shared by the API
   * thread and every worker thread; kept out of Config, which is structuredCloned.
   */
  sqliteWriteLock?: SharedArrayBuffer;
}

export function createLogger(config: Readonly<Config>): PinoLogger {
  return pino({
    level: config.logLevel,
    // Never let a secret reach the logs, whatever a caller passes.
    redact: { paths: ['*.password', '*.key', '*.keyPem', 'password', 'key', 'keyPem', 'secret', '*.secret'], censor: '[secreto]' },
  });
}

/** The server secret: CFDI_SECRET, or one generated into the data directory on first start. */
export function loadSecret(config: Readonly<Config>): Buffer {
  if (config.secret) return Buffer.from(config.secret, 'utf8');
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/**
 * Pool sizes on PostgreSQL follow the role: a worker thread needs a connection per
 * concurrent job and one to spare; the API process serves many requests at once.
 */
export function openAdapters(
  config: Readonly<Config>,
  role: 'api' | 'worker' = 'api',
  sqliteWriteLock?: SharedArrayBuffer,
): { store: Store; queue: JobQueue; notificaciones: NotificacionesStore; pagos: PagosStore } {
  if (config.databaseUrl.startsWith('sqlite:')) {
    const file = config.databaseUrl.slice('sqlite:'.length);
    mkdirSync(config.dataDir, { recursive: true });
    return {
      store: openSqliteStore({ file, writeLock: sqliteWriteLock }),
      notificaciones: openSqliteNotificaciones({ file, writeLock: sqliteWriteLock }),
      pagos: openSqlitePagos({ file, writeLock: sqliteWriteLock }),
      queue: openSqliteQueue({ file, maxAttempts: config.maxAttempts, backoffBaseMs: config.backoffBaseMs, backoffCapMs: config.backoffCapMs,
        writeLock: sqliteWriteLock }),
    };
  }
  return {
    store: openPostgresStore({ url: config.databaseUrl, poolSize: role === 'worker' ? config.workerConcurrency + 1 : 10 }),
    notificaciones: openPostgresNotificaciones({ url: config.databaseUrl, poolSize: role === 'worker' ? config.notificaciones.concurrency + 1 : 3 }),
    pagos: openPostgresPagos({ url: config.databaseUrl, poolSize: 2 }),
    queue: openPostgresQueue({ url: config.databaseUrl, poolSize: 2, maxAttempts: config.maxAttempts, backoffBaseMs: config.backoffBaseMs, backoffCapMs: config.backoffCapMs }),
  };
}

/**
 * The test PAC's certificate and key live in the database (the key sealed with the
 * server secret), so every process and machine sharing the database stamps alike.
 */
async function testPacCredentials(store: Store, secrets: SecretBox): Promise<{ certPem: string; keyPem: string }> {
  const read = (stored: string) => {
    const v = JSON.parse(stored) as { certPem: string; keySealed: string };
    return { certPem: v.certPem, keyPem: secrets.open(Buffer.from(v.keySealed, 'base64')).toString('utf8') };
  };
  const existing = await store.getMeta('test-pac');
  if (existing) return read(existing);
  const c = await generateTestPacCredentials();
  const mine = JSON.stringify({ certPem: c.certPem, keySealed: secrets.seal(Buffer.from(c.keyPem, 'utf8')).toString('base64') });
  // Processes starting together may each generate a pair: the first one stored wins for all.
  return read(await store.setMetaIfAbsent('test-pac', mine));
}

export async function openRuntime(config: Readonly<Config>, o: RuntimeOptions = {}): Promise<Runtime> {
  const log = o.log ?? createLogger(config);
  const secretBytes = loadSecret(config);
  const { store, queue, notificaciones, pagos } = openAdapters(config, o.role, o.sqliteWriteLock);
  await store.migrate();
  const secrets = createSecretBox(secretBytes);
  const pac = await testPacCredentials(store, secrets);
  const stamper = createTestPacStamper({
    certPem: pac.certPem,
    keyPem: pac.keyPem,
    rfcProvCertif: config.testPac.rfcProvCertif,
    clock: o.clock ?? systemClock,
    memory: {
      get: (k) => store.getMeta(`stamp:${k}`),
      put: (k, v) => store.setMeta(`stamp:${k}`, v),
    },
  });
  const renderer: Renderer = createPdfRenderer({ threads: o.renderThreads ?? 0 });
  const ids = createIdCipher(secretBytes);
  const nd: NotificacionesDeps = {
    store, notificaciones, ids, secrets, clock: o.clock ?? systemClock, log, settings: notificacionesSettings(config.notificaciones),
  };
  const deps: InvoicingDeps = {
    store,
    queue,
    stamper,
    renderer,
    ids,
    secrets,
    clock: o.clock ?? systemClock,
    log,
    settings: {
      requestTtlDays: config.requestTtlDays,
      maxDocumentBytes: config.maxDocumentBytes,
      zipPageSize: config.zipPageSize,
    },
    notifier: createNotifier(nd),
    pagos,
  };
  return {
    config,
    store,
    queue,
    deps,
    notificaciones: nd,
    log,
    secretBytes,
    testPacCertificatePem: pac.certPem,
    async close() {
      await renderer.close();
      await queue.close();
      await notificaciones.close();
      await pagos.close();
      await store.close();
    },
  };
}
