/**
 * Endpoints for operators: /health (the process answers), /ready (it can do its work:
 * each dependency checked by name) and /metrics (Prometheus text).
 *
 * /ready names what fails ("database", "workers"), never the raw error, which may carry
 * host names or SQL and stays in the logs. /metrics shows every tenant's counts, so it
 * can require a bearer token and/or be moved off the public port to its own address
 * (`CFDI_METRICS_TOKEN`, `CFDI_METRICS_BIND`).
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JobQueue } from '../queue/queue.ts';

export interface WorkerGauge {
  /** Worker threads this process is meant to run. */
  configured: number;
  live: number;
  restarts: number;
}

export interface OperacionOptions {
  /** Dependencies /ready checks, by name; each throws when the dependency is unusable. */
  checks?: Record<string, () => Promise<void>>;
  /** This process's worker threads, when it runs any. */
  workers?: () => WorkerGauge | undefined;
  /** Bearer token /metrics requires (none: open). */
  metricsToken?: string;
  /** /metrics is served elsewhere (its own address): not on this app. */
  metricsElsewhere?: boolean;
  /** Where the raw error of a failed check goes. */
  log?: { warn(o: object, msg: string): void };
}

/** A check that takes longer than this counts as failed: /ready must answer while a database hangs. */
const CHECK_TIMEOUT_MS = 3_000;

export interface Readiness {
  ready: boolean;
  /** The names of the failing dependencies. */
  failing: string[];
}

export async function readiness(o: OperacionOptions): Promise<Readiness> {
  const failing: string[] = [];
  await Promise.all(Object.entries(o.checks ?? {}).map(async ([name, check]) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([check(), new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      })]);
    } catch (e) {
      o.log?.warn({ err: e, dependency: name }, 'readiness check failed');
      failing.push(name);
    } finally {
      clearTimeout(timer);
    }
  }));
  const w = o.workers?.();
  if (w && w.configured > 0 && w.live === 0) failing.push('workers');
  failing.sort();
  return { ready: failing.length === 0, failing };
}

export async function metricsText(queue: JobQueue, o: OperacionOptions): Promise<string> {
  const [q, waitMs] = await Promise.all([queue.stats(), queue.oldestWaitMs()]);
  const m = process.memoryUsage();
  const w = o.workers?.();
  const lines = [
    '# HELP cfdi_jobs Pipeline jobs in the queue, by state.',
    '# TYPE cfdi_jobs gauge',
    ...(['ready', 'running', 'done', 'dead'] as const).map((k) => `cfdi_jobs{state="${k}"} ${q[k]}`),
    '# HELP cfdi_queue_oldest_wait_seconds How long the longest-waiting runnable job has waited.',
    '# TYPE cfdi_queue_oldest_wait_seconds gauge',
    `cfdi_queue_oldest_wait_seconds ${(waitMs / 1000).toFixed(3)}`,
    ...(w ? [
      '# HELP cfdi_workers_configured Pipeline worker threads this process is meant to run.',
      '# TYPE cfdi_workers_configured gauge',
      `cfdi_workers_configured ${w.configured}`,
      '# HELP cfdi_workers_live Pipeline worker threads of this process that are running.',
      '# TYPE cfdi_workers_live gauge',
      `cfdi_workers_live ${w.live}`,
      '# HELP cfdi_worker_restarts_total Worker threads of this process replaced after dying.',
      '# TYPE cfdi_worker_restarts_total counter',
      `cfdi_worker_restarts_total ${w.restarts}`,
    ] : []),
    '# HELP process_resident_memory_bytes Resident memory of this process.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${m.rss}`,
    '# HELP process_uptime_seconds Seconds since this process started.',
    '# TYPE process_uptime_seconds gauge',
    `process_uptime_seconds ${Math.round(process.uptime())}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** True when the request may read /metrics. */
export function metricsAllowed(token: string | undefined, authorization: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer (.+)$/i.exec(authorization ?? '');
  if (!m) return false;
  // Equal-length digests: the comparison time says nothing about the token.
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(m[1].trim()), h(token));
}

const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4';
const UNAUTHORIZED = 'unauthorized: /metrics needs "Authorization: Bearer <CFDI_METRICS_TOKEN>"\n';

export function registerOperacion(app: FastifyInstance, queue: JobQueue, o: OperacionOptions): void {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    const r = await readiness(o);
    const w = o.workers?.();
    const workers = w ? { workers: { live: w.live, configured: w.configured } } : {};
    if (r.ready) return { status: 'ready', ...workers };
    return reply.status(503).send({ status: 'not ready', failing: r.failing, ...workers });
  });
  if (o.metricsElsewhere) return;
  // Prometheus text format: the queue by state (shared by every process on the database),
  // this process's worker threads and memory.
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(o.metricsToken, req.headers.authorization)) {
      return reply.status(401).header('WWW-Authenticate', 'Bearer').type('text/plain').send(UNAUTHORIZED);
    }
    return reply.header('Content-Type', METRICS_CONTENT_TYPE).send(await metricsText(queue, o));
  });
}

/**
 * /metrics on an address of its own (`CFDI_METRICS_BIND`, e.g. 127.0.0.1:9464), plain
 * HTTP for a scraper on a private network; also how a `worker` process, which serves no
 * API, exposes its threads.
 */
export async function startMetricsServer(bind: { host: string; port: number }, queue: JobQueue, o: OperacionOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: only GET /metrics is served here\n');
      return;
    }
    if (!metricsAllowed(o.metricsToken, req.headers.authorization)) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end(UNAUTHORIZED);
      return;
    }
    metricsText(queue, o).then(
      (text) => res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE }).end(text),
      (e: unknown) => {
        o.log?.warn({ err: e }, 'metrics failed');
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('metrics unavailable: the database did not answer\n');
      },
    );
  });
  server.listen(bind.port, bind.host);
  await once(server, 'listening');
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : bind.port;
  return {
    server,
    url: `http://${bind.host.includes(':') ? `[${bind.host}]` : bind.host}:${port}/metrics`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
