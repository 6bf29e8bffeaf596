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
import { demoCurl, ensureDemoTenant } from '../invoicing/demo.ts';

export interface ServeOptions {
  workers: boolean;
  demo: boolean;
  /** Where the human-readable banner goes (stdout by default). */
  print?: (s: string) => void;
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
  const tls = config.tls.enabled ? await tlsMaterial(config) : undefined;
  const app = await buildApp(rt.deps, {
    https: tls ? { key: tls.key, cert: tls.cert } : undefined,
    logger: rt.log,
    limits: config.limits,
    cancelacion: rt.cancelacion,
    ready: async () => {
      await rt.store.getMeta('ready-check');
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `${tls ? 'https' : 'http'}://localhost:${port}`;

  let pool: WorkerPool | undefined;
  if (o.workers && config.workers > 0) pool = await startWorkerThreads(config, config.workers, sqliteWriteLock);

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

  // Expired requests answer 404 at once (query checks expiresAt); the purge only frees space.
  const purge = setInterval(() => {
    rt.store.purgeExpired(rt.deps.clock().toISOString())
      .then((n) => n && rt.log.info({ purged: n }, 'purged expired peticiones'))
      .catch((e: unknown) => rt.log.error({ err: e }, 'purge failed'));
  }, 3_600_000);
  purge.unref();

  let stopping: Promise<void> | undefined;
  return {
    url,
    runtime: rt,
    stop() {
      stopping ??= (async () => {
        clearInterval(purge);
        await app.close();
        await pool?.stop();
        await rt.close();
      })();
      return stopping;
    },
  };
}

export async function workerOnly(config: Readonly<Config>): Promise<{ stop(): Promise<void> }> {
  const sqliteWriteLock = createWriteLock();
  const rt = await openRuntime(config, { sqliteWriteLock });
  const n = Math.max(1, config.workers);
  const pool = await startWorkerThreads(config, n, sqliteWriteLock);
  rt.log.info({ workers: n }, 'workers started');
  return {
    async stop() {
      await pool.stop();
      await rt.close();
    },
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
