/**
 * `cfdi-async serve`: the HTTP API (HTTPS by default) plus, unless `--no-workers`,
 * the pipeline worker threads, on the configured database. `cfdi-async worker`:
 * worker threads only. Both stop gracefully on SIGTERM/SIGINT.
 */
import type { Config } from '../config/config.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { tlsMaterial } from './tls.ts';
import { startWorkerThreads, type WorkerPool } from './workers.ts';
import { createWriteLock } from '../storage/sqlite/write-lock.ts';
import { buildApp } from '../http/app.ts';
import { startMetricsServer, type OperacionOptions } from '../http/operacion.ts';
import { demoCurl, ensureDemoTenant } from '../invoicing/demo.ts';

export interface ServeOptions {
  workers: boolean;
  demo: boolean;
  /** Where the human-readable banner goes (stdout by default). */
  print?: (s: string) => void;
  /** The worker threads cannot be kept running (default: log, stop, exit 1). */
  onFatal?: (e: Error) => void;
}

export interface RunningServer {
  url: string;
  runtime: Runtime;
  stop(): Promise<void>;
}

export async function serve(config: Readonly<Config>, o: ServeOptions): Promise<RunningServer> {
  const print = o.print ?? ((s: string) => process.stdout.write(`${s}\n`));
  // One SQLite writer mutex for this process's threads (unused on PostgreSQL).
  const sqliteWriteLock = createWriteLock();
  const rt = await openRuntime(config, { sqliteWriteLock });
  const wantWorkers = o.workers && config.workers > 0;
  // The first pipeline thread runs the WAL checkpoints. An API-only process runs none: its
  // worker processes do (a checkpoint blocks its thread 6–14 ms, too long for the API's
  // event loop), and without them each connection checkpoints at the backstop.
  const tls = config.tls.enabled ? await tlsMaterial(config) : undefined;
  let pool: WorkerPool | undefined;
  const operacion = operacionOptions(rt, () => (wantWorkers ? pool ?? { size: config.workers, live: () => 0, restarts: () => 0 } : undefined));
  const app = await buildApp(rt.deps, {
    https: tls ? { key: tls.key, cert: tls.cert } : undefined,
    logger: rt.log,
    limits: config.limits,
    cancelacion: rt.cancelacion,
    operacion,
  });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `${tls ? 'https' : 'http'}://localhost:${port}`;

  // Expired requests answer 404 at once (query checks expiresAt); the purge only frees space.
  const purge = setInterval(() => {
    rt.store.purgeExpired(rt.deps.clock().toISOString())
      .then((n) => n && rt.log.info({ purged: n }, 'purged expired peticiones'))
      .catch((e: unknown) => rt.log.error({ err: e }, 'purge failed'));
  }, 3_600_000);
  purge.unref();

  const metrics = config.metrics.bind ? await startMetricsServer(config.metrics.bind, rt.queue, operacion) : undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(purge);
      await app.close();
      await metrics?.close();
      await pool?.stop();
      await rt.close();
    })();
    return stopping;
  };
  if (wantWorkers) {
    pool = await startWorkerThreads(config, config.workers, { log: rt.log, sqliteWriteLock, checkpoints: true, onFatal: o.onFatal ?? exitOnFatal(rt, stop) });
  }

  if (o.demo) {
    const { tenant, created } = await ensureDemoTenant(rt.deps);
    print(
      [
        '',
        `cfdi-async listening on ${url} (${config.databaseUrl.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}, ${pool?.size ?? 0} worker threads)`,
        `${created ? 'Created the' : 'The'} demo tenant (test CSD for ${tenant.rfc}, test stamps):`,
        `  keyEmpresa  ${tenant.keyEmpresa}`,
        `  idTipoCfd   ${tenant.idTipoCfd}`,
        `  idSucursal  ${tenant.idSucursal}`,
        'Submit the demo document:',
        `  ${demoCurl(url, tenant)}`,
        `Then poll:  curl ${tls ? '-k ' : ''}${url}/${tenant.keyEmpresa}/cfdis/<idPeticion>`,
        `API description: ${url}/docs`,
        '',
      ].join('\n'),
    );
  }
  rt.log.info({ url, workers: pool?.size ?? 0, tls: Boolean(tls), generatedCertificate: tls?.generated ?? false }, 'serving');

  return { url, runtime: rt, stop };
}

export async function workerOnly(config: Readonly<Config>, o: { onFatal?: (e: Error) => void } = {}): Promise<{ stop(): Promise<void> }> {
  const sqliteWriteLock = createWriteLock();
  const rt = await openRuntime(config, { sqliteWriteLock });
  const n = Math.max(1, config.workers);
  let pool: WorkerPool | undefined;
  const operacion = operacionOptions(rt, () => pool ?? { size: n, live: () => 0, restarts: () => 0 });
  // A worker process serves no API: its threads are seen through CFDI_METRICS_BIND.
  const metrics = config.metrics.bind ? await startMetricsServer(config.metrics.bind, rt.queue, operacion) : undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await metrics?.close();
      await pool?.stop();
      await rt.close();
    })();
    return stopping;
  };
  // No API thread here to answer first: lowered, these threads would only lose the cores to
  // other processes (PostgreSQL, API processes), a third of the fault test's throughput.
  pool = await startWorkerThreads({ ...config, workerNice: 0 }, n, { log: rt.log, sqliteWriteLock, checkpoints: true, onFatal: o.onFatal ?? exitOnFatal(rt, stop) });
  rt.log.info({ workers: n, metrics: metrics?.url }, 'workers started');
  return { stop };
}

/** /ready and /metrics of a process: its database, and its worker threads when it runs any. */
function operacionOptions(rt: Runtime, pool: () => Pick<WorkerPool, 'size' | 'live' | 'restarts'> | undefined): OperacionOptions {
  return {
    checks: { database: async () => void (await rt.store.getMeta('ready-check')) },
    workers: () => {
      const p = pool();
      return p && { configured: p.size, live: p.live(), restarts: p.restarts() };
    },
    metricsToken: rt.config.metrics.token,
    metricsElsewhere: Boolean(rt.config.metrics.bind),
    log: rt.log,
  };
}

/** A process whose worker threads cannot be kept running says so and exits non-zero. */
function exitOnFatal(rt: Runtime, stop: () => Promise<void>): (e: Error) => void {
  return (e) => {
    rt.log.fatal({ err: e }, 'cannot keep worker threads running; exiting');
    process.exitCode = 1;
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stop().finally(() => process.exit(1));
  };
}

/** Stops on the first SIGTERM/SIGINT; a second one exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let signalled = false;
  const handler = (sig: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    process.stderr.write(`${sig}: shutting down gracefully\n`);
    stop().then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`shutdown failed: ${String(e)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
