/**
 * Composition root: the only place that chooses adapters (SQLite or PostgreSQL, the
 * stamper, the renderer) and builds the ports that `invoicing/` receives.
 */
import { ensurePrivateDir } from '../shared/private-files.ts';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { redactUrl, type Config } from '../config/config.ts';
import type { Peticion, Store } from '../storage/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import type { Renderer } from '../rendering/renderer.ts';
import { openSqliteStore } from '../storage/sqlite/index.ts';
import { openSqliteQueue } from '../queue/sqlite/index.ts';
import { openPostgresStore, peticionOfClaim } from '../storage/postgres/index.ts';
import { CHECKPOINT_BACKSTOP_PAGES, startCheckpointer, type Checkpointer } from '../storage/sqlite/checkpointer.ts';
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
import type { PagosStore } from '../storage/pagos.ts';
import { openSqlitePagos } from '../storage/sqlite/pagos.ts';
import { openPostgresPagos } from '../storage/postgres/pagos.ts';
import { notificacionesSettings, type NotificacionesDeps } from '../notificaciones/deps.ts';
import { createNotifier } from '../notificaciones/eventos.ts';
import type { CancelacionesStore } from '../storage/cancelaciones.ts';
import { openSqliteCancelaciones } from '../storage/sqlite/cancelaciones.ts';
import { openPostgresCancelaciones } from '../storage/postgres/cancelaciones.ts';
import type { CancelacionDeps } from '../cancelacion/deps.ts';
import { relacionadosDelStore } from '../cancelacion/relacionados.ts';
import { cancelable } from '../cancelacion/cancelar.ts';
import { createSatSimulado, type SatSimulado } from '../stamping/test-pac/sat.ts';
import type { PacsStore } from '../storage/pacs.ts';
import { openSqlitePacs } from '../storage/sqlite/pacs.ts';
import { openPostgresPacs } from '../storage/postgres/pacs.ts';
import { createCanceladorDirectory, createStamperDirectory } from './pacs.ts';
import { createConsultaCfdi } from '../sat-estado/consulta/index.ts';

export interface Runtime {
  config: Readonly<Config>;
  store: Store;
  queue: JobQueue<Peticion>;
  deps: InvoicingDeps;
  /** E-mail and webhooks: what the delivery runner and the CLI need. */
  notificaciones: NotificacionesDeps;
  /** Cancellation (issue 12): the cancel call, its background job and the CLI. */
  cancelacion: CancelacionDeps;
  /** The test PAC's simulated SAT (the receptor's answer in `test-pac receptor`). */
  satSimulado: SatSimulado;
  /** The PAC of each empresa (issue 11). */
  pacs: PacsStore;
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

/** `destination`: where the JSON lines go (stdout by default). */
export function createLogger(config: Readonly<Config>, destination?: DestinationStream): PinoLogger {
  return pino({
    level: config.logLevel,
    // Never let a secret reach the logs, whatever a caller passes. keyEmpresa is a tenant
    // credential; a malformed request's raw bytes (err.rawPacket, fastify logs them at
    // trace) hold its URL.
    redact: {
      paths: ['*.password', '*.key', '*.keyPem', 'password', 'key', 'keyPem', 'secret', '*.secret', 'keyEmpresa', '*.keyEmpresa', 'err.rawPacket'],
      censor: '[secreto]',
    },
  }, destination);
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
): { store: Store; queue: JobQueue<Peticion>; notificaciones: NotificacionesStore; cancelaciones: CancelacionesStore; pacs: PacsStore; sealed: SealedValues; pagos: PagosStore } {
  if (config.databaseUrl.startsWith('sqlite:')) {
    const file = config.databaseUrl.slice('sqlite:'.length);
    ensurePrivateDir(config.dataDir);
    // With background checkpoints (serve and worker start the thread) no writer checkpoints below the backstop.
    const sq = { file, writeLock: sqliteWriteLock, walAutocheckpoint: config.sqliteCheckpoint === 'background' ? CHECKPOINT_BACKSTOP_PAGES : undefined };
    return {
      store: openSqliteStore(sq),
      sealed: openSqliteSealed(sq),
      notificaciones: openSqliteNotificaciones(sq),
      cancelaciones: openSqliteCancelaciones(sq),
      pacs: openSqlitePacs(sq),
      pagos: openSqlitePagos(sq),
      queue: openSqliteQueue({ ...sq, maxAttempts: config.maxAttempts, backoffBaseMs: config.backoffBaseMs, backoffCapMs: config.backoffCapMs }),
    };
  }
  return {
    store: openPostgresStore({ url: config.databaseUrl, poolSize: role === 'worker' ? config.workerConcurrency + 1 : 10 }),
    sealed: openPostgresSealed({ url: config.databaseUrl, poolSize: 1 }),
    notificaciones: openPostgresNotificaciones({ url: config.databaseUrl, poolSize: role === 'worker' ? config.notificaciones.concurrency + 1 : 3 }),
    cancelaciones: openPostgresCancelaciones({ url: config.databaseUrl, poolSize: 2 }),
    pacs: openPostgresPacs({ url: config.databaseUrl, poolSize: 2 }),
    pagos: openPostgresPagos({ url: config.databaseUrl, poolSize: 2 }),
    // The claim reads the job's peticion in its own statement (storage's read, ARCHITECTURE.md).
    queue: openPostgresQueue({
      url: config.databaseUrl, poolSize: 2, maxAttempts: config.maxAttempts, backoffBaseMs: config.backoffBaseMs, backoffCapMs: config.backoffCapMs,
      subject: peticionOfClaim,
    }),
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

/**
 * The WAL checkpoints of a long-running process on SQLite (serve, worker), on the calling
 * thread's timer, when CFDI_SQLITE_CHECKPOINT is background; undefined otherwise. Short
 * commands (the CLI) keep the connections' backstop and need none.
 */
export function startSqliteCheckpointer(config: Readonly<Config>, log: Pick<PinoLogger, 'error'>): Checkpointer | undefined {
  if (!config.databaseUrl.startsWith('sqlite:') || config.sqliteCheckpoint !== 'background') return undefined;
  return startCheckpointer(config.databaseUrl.slice('sqlite:'.length), {
    onError: (e) => log.error({ err: e }, 'SQLite background checkpoints failed; writers checkpoint at the backstop from now on'),
  });
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
  const { store, queue, notificaciones, cancelaciones, pacs, sealed, pagos } = openAdapters(config, o.role, o.sqliteWriteLock);
  let keys: Keys;
  try {
    await store.migrate();
    keys = await openKeys(readSecretSource(config), store, redactUrl(config.databaseUrl));
    await resealStale(keys.box, store, sealed);
  } catch (e) {
    await Promise.allSettled([queue.close(), notificaciones.close(), cancelaciones.close(), pacs.close(), sealed.close(), pagos.close(), store.close()]);
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
  // The SAT's real status service: estadoSat for every empresa, cancellation follow-up for real PACs.
  const consultaSat = createConsultaCfdi({ url: config.pac.satEstadoUrl, timeouts: { connectMs: config.pac.connectTimeoutMs, totalMs: config.pac.timeoutMs } });
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
      syncWaitMs: config.syncWaitMs,
    },
    notifier: createNotifier(nd),
    pagos,
    stampers: createStamperDirectory({ pacs, secrets, config: config.pac, prueba: stamper }),
    estadoSat: consultaSat,
  };
  // The simulated SAT knows what the test PAC stamped: the service's own CFDI records.
  const relacionados = relacionadosDelStore(cancelaciones);
  const cfdiDe = async (rfcEmisor: string, uuid: string) => {
    const e = await store.getEmpresaByRfc(rfcEmisor);
    return e ? store.getCfdiByUuid(e.id, uuid) : undefined;
  };
  const satSimulado = createSatSimulado({
    certPem: pac.certPem,
    keyPem: pac.keyPem,
    clock: o.clock ?? systemClock,
    memory: { get: (k) => store.getMeta(k), put: (k, v) => store.setMeta(k, v) },
    comprobante: async (rfc, uuid) => {
      const c = await cfdiDe(rfc, uuid);
      return c && cancelable(c);
    },
    relacionadosVivos: async (rfc, uuid) => {
      const c = await cfdiDe(rfc, uuid);
      return c ? relacionados.vivos(c.empresaId, c.id, uuid) : [];
    },
  });
  deps.acuses = { acuse: async (cfdiId) => (await cancelaciones.ultima(cfdiId))?.acuse };
  const cancelacion: CancelacionDeps = {
    store, cancelaciones, cancelador: satSimulado.cancelador, estadoSat: satSimulado.estado, relacionados,
    ids, secrets, clock: o.clock ?? systemClock, log, notifier: deps.notifier, renderer, settings: config.cancelacion,
    canceladores: createCanceladorDirectory({ pacs, secrets, config: config.pac, prueba: satSimulado.cancelador, estadoSat: consultaSat }),
    pagos,
  };
  return {
    config,
    store,
    queue,
    deps,
    notificaciones: nd,
    cancelacion,
    satSimulado,
    pacs,
    log,
    secretBytes,
    keys,
    sealed,
    testPacCertificatePem: pac.certPem,
    async close() {
      await renderer.close();
      await queue.close();
      await notificaciones.close();
      await cancelaciones.close();
      await pacs.close();
      await sealed.close();
      await pagos.close();
      await store.close();
    },
  };
}
