/**
 * `npm run bench -- scale [--documents N] [--clients C] [--json]`
 * End-to-end throughput on PostgreSQL with 1, 2 and 4 worker processes (one worker
 * thread each) behind one API process (`serve --no-workers`), side by side with the
 * SQLite default (one `serve` process, one worker thread per core). Needs
 * CFDI_BENCH_PG_URL or CFDI_TEST_PG_URL (a database where it may CREATE DATABASE).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { runLoad, benchDocument, type LoadResult } from './lib/load.ts';
import { demoTenant, spawnCli, stopAll, waitReady } from './lib/processes.ts';
import { freshDatabase } from './lib/pg.ts';

interface Row extends LoadResult {
  setup: string;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '32' },
      workers: { type: 'string', default: '1,2,4' },
      // How often each client polls its GET: real clients poll every few hundred ms; polling
      // faster mostly measures the GET handler.
      'poll-ms': { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    },
  });
  const pgUrl = process.env.CFDI_BENCH_PG_URL ?? process.env.CFDI_TEST_PG_URL;
  const documents = Number(values.documents);
  const clients = Number(values.clients);
  const rows: Row[] = [];
  const say = (s: string) => !values.json && process.stderr.write(`${s}\n`);

  say('SQLite, one process…');
  const pollMs = Number(values['poll-ms']);
  rows.push({ setup: 'SQLite, 1 process (worker thread per core)', ...(await measure({}, 0, documents, clients, pollMs)) });
  if (!pgUrl) {
    say('CFDI_BENCH_PG_URL / CFDI_TEST_PG_URL not set: PostgreSQL rows skipped');
  } else {
    for (const n of values.workers.split(',').map(Number)) {
      say(`PostgreSQL, ${n} worker process(es)…`);
      const db = await freshDatabase(pgUrl, 'cfdi_bench');
      try {
        rows.push({ setup: `PostgreSQL, 1 API + ${n} worker process${n > 1 ? 'es' : ''}`, ...(await measure({ CFDI_DATABASE_URL: db.url }, n, documents, clients, pollMs)) });
      } finally {
        await db.drop();
      }
    }
  }
  if (values.json) {
    console.log(JSON.stringify(rows));
    return;
  }
  console.log(`end to end, ${documents} documents (3 concepts, PDF included), ${clients} clients polling every ${pollMs} ms, HTTP`);
  console.log('setup'.padEnd(52), 'CFDI/s'.padStart(8), 'PUT p50/p99 ms'.padStart(16), 'ALMACENADO p50/p99 ms'.padStart(23));
  for (const r of rows) {
    console.log(r.setup.padEnd(52), r.cfdiPerSecond.toFixed(1).padStart(8),
      `${r.putMs.p50.toFixed(1)}/${r.putMs.p99.toFixed(1)}`.padStart(16),
      `${r.almacenadoMs.p50.toFixed(0)}/${r.almacenadoMs.p99.toFixed(0)}`.padStart(23));
  }
}

/** workerProcesses 0: one `serve` with its own worker threads (the embedded default). */
async function measure(extra: Record<string, string>, workerProcesses: number, documents: number, clients: number, pollMs: number): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-scale-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = {
    ...process.env, CFDI_DATA_DIR: dataDir, CFDI_PORT: String(port), CFDI_HOST: '127.0.0.1', CFDI_TLS: 'off',
    // One tenant at full speed is the point here: no per-keyEmpresa rate limit.
    CFDI_RATE_LIMIT_PER_SECOND: '0',
    CFDI_LOG_LEVEL: 'warn', CFDI_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef', CFDI_WORKER_CONCURRENCY: '4', ...extra,
  };
  const procs: ChildProcess[] = [];
  try {
    const tenant = demoTenant(env);
    procs.push(spawnCli(workerProcesses ? ['serve', '--no-workers', '--no-demo'] : ['serve', '--no-demo'], env));
    for (let i = 0; i < workerProcesses; i++) procs.push(spawnCli(['worker'], { ...env, CFDI_WORKERS: '1' }));
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    await runLoad({ baseUrl: base, tenant, documents: 40, clients: 8, document: (i) => benchDocument(1_000_000 + i, 3) });
    return await runLoad({ baseUrl: base, tenant, documents, clients, pollMs, document: (i) => benchDocument(i, 3) });
  } finally {
    await stopAll(procs);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
