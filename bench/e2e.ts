/**
 * `npm run bench [-- e2e] [--documents N] [--clients C] [--workers W] [--json]`
 * End to end over real HTTPS: starts `cfdi-async serve` as a child process on a fresh
 * SQLite data directory (or CFDI_DATABASE_URL), then concurrent clients PUT valid
 * 10-concept documents and poll until ALMACENADO. Prints CFDI/s, PUT latency p50/p99,
 * time-to-ALMACENADO p50/p99 and the server's peak RSS.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, benchDocument, type Tenant } from './lib/load.ts';

const bin = new URL('../bin/cfdi-async.js', import.meta.url).pathname;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '2000' },
      clients: { type: 'string', default: '32' },
      workers: { type: 'string' },
      concepts: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-bench-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env = { ...process.env, CFDI_DATA_DIR: dataDir, CFDI_PORT: port, CFDI_HOST: '127.0.0.1', CFDI_LOG_LEVEL: 'warn',
    ...(values.workers ? { CFDI_WORKERS: values.workers } : {}) };
  const tenant = JSON.parse(execFileSync(process.execPath, [bin, 'demo', '--json'], { env, encoding: 'utf8' })) as Tenant;
  const server = spawn(process.execPath, [bin, 'serve', '--no-demo'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
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
      onProgress: (n) => n % 100 === 0 && log(`\r${n}/${documents}`),
    });
    log('\n');
    const rssMb = peakRssMb(server.pid!);
    const out = { ...r, clients: Number(values.clients), workers: values.workers ?? 'cores', concepts: Number(values.concepts), peakRssMb: rssMb };
    if (values.json) console.log(JSON.stringify(out));
    else {
      console.log(`end to end, HTTPS + SQLite, ${out.concepts}-concept documents, ${out.clients} clients`);
      console.log(`  CFDI/s (ALMACENADO, with PDF)   ${r.cfdiPerSecond.toFixed(1)}   (${r.documents} documents in ${r.seconds.toFixed(1)} s, ${r.errors} errors)`);
      console.log(`  PUT latency p50 / p99           ${r.putMs.p50.toFixed(1)} / ${r.putMs.p99.toFixed(1)} ms`);
      console.log(`  time to ALMACENADO p50 / p99    ${r.almacenadoMs.p50.toFixed(0)} / ${r.almacenadoMs.p99.toFixed(0)} ms`);
      console.log(`  server peak RSS                 ${rssMb} MB`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitReady(base: string): Promise<void> {
  const { request } = await import('node:https');
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(`${base}/ready`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}
