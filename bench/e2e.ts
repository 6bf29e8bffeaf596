/**
 * `npm run bench [-- e2e] [--documents N] [--clients C] [--workers W] [--json]`
 * End to end over real HTTPS: starts `cfdi-async serve` as a child process on a fresh
 * SQLite data directory (or CFDI_DATABASE_URL), then concurrent clients PUT valid
 * 10-concept documents and poll until ALMACENADO. Prints CFDI/s, PUT latency p50/p99,
 * time-to-ALMACENADO p50/p99 and the server's peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, benchDocument } from './lib/load.ts';
import { demoTenant, peakRssMb, spawnCli, stopAll, waitReady } from './lib/processes.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '2000' },
      clients: { type: 'string', default: '32' },
      workers: { type: 'string' },
      concepts: { type: 'string', default: '10' },
      // How often each client polls its GET: real clients poll every few hundred ms; polling
      // faster mostly measures the GET handler.
      'poll-ms': { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-bench-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env = { ...process.env, CFDI_DATA_DIR: dataDir, CFDI_PORT: port, CFDI_HOST: '127.0.0.1', CFDI_LOG_LEVEL: 'warn',
    ...(values.workers ? { CFDI_WORKERS: values.workers } : {}) };
  const tenant = demoTenant(env);
  const server = spawnCli(['serve', '--no-demo'], env);
  try {
    await waitReady(`https://127.0.0.1:${port}`);
    const documents = Number(values.documents);
    const log = (s: string) => !values.json && process.stderr.write(s);
    // Warm-up: JIT, font parsing and caches in every worker thread.
    await runLoad({ baseUrl: `https://127.0.0.1:${port}`, tenant, documents: 50, clients: 8, document: (i) => benchDocument(1_000_000 + i) });
    const r = await runLoad({
      baseUrl: `https://127.0.0.1:${port}`,
      tenant,
      documents,
      clients: Number(values.clients),
      document: (i) => benchDocument(i, Number(values.concepts)),
      pollMs: Number(values['poll-ms']),
      onProgress: (n) => n % 100 === 0 && log(`\r${n}/${documents}`),
    });
    log('\n');
    const rssMb = peakRssMb(server.pid!);
    const out = { ...r, clients: Number(values.clients), pollMs: Number(values['poll-ms']), workers: values.workers ?? 'cores', concepts: Number(values.concepts), peakRssMb: rssMb };
    if (values.json) console.log(JSON.stringify(out));
    else {
      console.log(`end to end, HTTPS + SQLite, ${out.concepts}-concept documents, ${out.clients} clients polling every ${values['poll-ms']} ms`);
      console.log(`  CFDI/s (ALMACENADO, with PDF)   ${r.cfdiPerSecond.toFixed(1)}   (${r.documents} documents in ${r.seconds.toFixed(1)} s, ${r.errors} errors)`);
      console.log(`  PUT latency p50 / p99           ${r.putMs.p50.toFixed(1)} / ${r.putMs.p99.toFixed(1)} ms`);
      console.log(`  time to ALMACENADO p50 / p99    ${r.almacenadoMs.p50.toFixed(0)} / ${r.almacenadoMs.p99.toFixed(0)} ms`);
      console.log(`  server peak RSS                 ${rssMb} MB`);
    }
  } finally {
    await stopAll([server]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
