/**
 * Composition root: the only place that chooses adapters (SQLite or PostgreSQL, the
 * stamper, the renderer) and builds the ports that `invoicing/` receives.
 */
import { ensurePrivateDir } from '../shared/private-files.ts';
import { pino, type Logger as PinoLogger } from 'pino';
import { redactUrl, type Config } from '../config/config.ts';
import type { Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import type { Renderer } from '../rendering/renderer.ts';
import { openSqliteStore } from '../storage/sqlite/index.ts';
import { openSqliteQueue } from '../queue/sqlite/index.ts';
import { openPostgresStore } from '../storage/postgres/index.ts';
import { openPostgresQueue } from '../queue/postgres/index.ts';
import { createIdCipher } from '../shared/ids.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { SealedValues } from '../storage/sealed.ts';
import { openSqliteSealed } from '../storage/sqlite/sealed.ts';
import { openPostgresSealed } from '../storage/postgres/sealed.ts';
import { generateSecretFile, openKeys, readSecretSource, resealStale, TEST_PAC_SLOT, type Keys } from '../storage/keyring.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { createTestPacStamper, generateTestPacCredentials, type StampMemory } from '../stamping/test-pac/index.ts';
import { createPdfRenderer } from '../rendering/pool.ts';
import type { NotificacionesStore } from '../storage/notificaciones.ts';
import { openSqliteNotificaciones } from '../storage/sqlite/notificaciones.ts';
import { openPostgresNotificaciones } from '../storage/postgres/notificaciones.ts';
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
  /** The secret public ids derive from (the first secret of the database; stable across rotations). */
  secretBytes: Buffer;
  /** The secret this process was started with, and every sealed value (cfdi-async secret rotate). */
  keys: Keys;
  sealed: SealedValues;
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

/**
 * The server secret for a data directory: CFDI_SECRET, else `<dataDir>/secret`, generated
 * when absent. Only for a directory without a database (the keyring refuses to generate
 * a secret over sealed data; openRuntime goes through it).
 */
export function loadSecret(config: Readonly<Config>): Buffer {
  const src = readSecretSource(config);
  return src.secret ?? generateSecretFile(src.file);
}

/**
 * Pool sizes on PostgreSQL follow the role: a worker thread needs a connection per
 * concurrent job and one to spare; the API process serves many requests at once.
 */
export function openAdapters(
  config: Readonly<Config>,
  role: 'api' | 'worker' = 'api',
  sqliteWriteLock?: SharedArrayBuffer,
): { store: Store; queue: JobQueue; notificaciones: NotificacionesStore; sealed: SealedValues } {
  if (config.databaseUrl.startsWith('sqlite:')) {
    const file = config.databaseUrl.slice('sqlite:'.length);
    ensurePrivateDir(config.dataDir);
    return {
      store: openSqliteStore({ file, writeLock: sqliteWriteLock }),
      sealed: openSqliteSealed({ file, writeLock: sqliteWriteLock }),
      notificaciones: openSqliteNotificaciones({ file, writeLock: sqliteWriteLock }),
      queue: openSqliteQueue({ file, maxAttempts: config.maxAttempts, backoffBaseMs: config.backoffBaseMs, backoffCapMs: config.backoffCapMs,
        writeLock: sqliteWriteLock }),
    };
  }
  return {
    store: openPostgresStore({ url: config.databaseUrl, poolSize: role === 'worker' ? config.workerConcurrency + 1 : 10 }),
    sealed: openPostgresSealed({ url: config.databaseUrl, poolSize: 1 }),
    notificaciones: openPostgresNotificaciones({ url: config.databaseUrl, poolSize: role === 'worker' ? config.notificaciones.concurrency + 1 : 3 }),
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
    return { certPem: v.certPem, keyPem: secrets.open(Buffer.from(v.keySealed, 'base64'), TEST_PAC_SLOT).toString('utf8') };
  };
  const existing = await store.getMeta('test-pac');
  if (existing) return read(existing);
  const c = await generateTestPacCredentials();
  const mine = JSON.stringify({ certPem: c.certPem, keySealed: secrets.seal(Buffer.from(c.keyPem, 'utf8'), TEST_PAC_SLOT).toString('base64') });
  // Processes starting together may each generate a pair: the first one stored wins for all.
  return read(await store.setMetaIfAbsent('test-pac', mine));
}

/** The test PAC's memory of stamped XMLs, in the database every process shares (first write wins). */
export function stampMemory(store: Pick<Store, 'getMeta' | 'setMetaIfAbsent'>): StampMemory {
  return {
    get: (k) => store.getMeta(`stamp:${k}`),
    putIfAbsent: (k, v) => store.setMetaIfAbsent(`stamp:${k}`, v),
  };
}

export async function openRuntime(config: Readonly<Config>, o: RuntimeOptions = {}): Promise<Runtime> {
  const log = o.log ?? createLogger(config);
  const { store, queue, notificaciones, sealed } = openAdapters(config, o.role, o.sqliteWriteLock);
  let keys: Keys;
  try {
    await store.migrate();
    keys = await openKeys(readSecretSource(config), store, redactUrl(config.databaseUrl));
    await resealStale(keys.box, store, sealed);
  } catch (e) {
    await Promise.allSettled([queue.close(), notificaciones.close(), sealed.close(), store.close()]);
    throw e;
  }
  const secrets = keys.box;
  const secretBytes = keys.idsSecret;
  const pac = await testPacCredentials(store, secrets);
  const stamper = createTestPacStamper({
    certPem: pac.certPem,
    keyPem: pac.keyPem,
    rfcProvCertif: config.testPac.rfcProvCertif,
    clock: o.clock ?? systemClock,
    memory: stampMemory(store),
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
  };
  return {
    config,
    store,
    queue,
    deps,
    notificaciones: nd,
    log,
    secretBytes,
    keys,
    sealed,
    testPacCertificatePem: pac.certPem,
    async close() {
      await renderer.close();
      await queue.close();
      await notificaciones.close();
      await sealed.close();
      await store.close();
    },
  };
}
