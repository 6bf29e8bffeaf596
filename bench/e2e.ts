/**
 * `npm run bench [-- e2e] [--documents N] [--warm-up N] [--clients C | --rate R] [--workers W] [--sync] [--pg] [--worker-processes N] [--ceiling-seconds S] [--profile] [--server-flags F] [--json]`
 * End to end over real HTTPS: starts `cfdi-async serve` as a child process on a fresh
 * SQLite data directory (or CFDI_DATABASE_URL), then concurrent clients PUT valid
 * 10-concept documents and poll until ALMACENADO. Prints CFDI/s, PUT latency p50/p99,
 * time-to-ALMACENADO p50/p99 and the server's peak RSS.
 *
 * `--profile` also prints the CPU per CFDI split by process, thread and stage, and the
 * load generator's own share (lib/cpu-split.ts). It runs the server under V8's sampling
 * profiler, which slows it: take throughput and latency from a run without it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, benchDocument } from './lib/load.ts';
import { demoTenant, peakRssMb, spawnCli, stopAll, waitReady } from './lib/processes.ts';
import { cpuSplit, formatSplit, postgresCpuMs, processCpuMs, type CpuSplit } from './lib/cpu-split.ts';
import { freshDatabase } from './lib/pg.ts';
import { measureCeiling } from './lib/ceiling.ts';
import { dbSnapshot, dbSplit, formatDbSplit } from './lib/db-split.ts';

const now = () => Number(process.hrtime.bigint() / 1000n); // µs, the clock of V8's profiles

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '2000' },
      // Documents sent (and not measured) first: the JIT compiles for the first few thousand,
      // and the ceiling, which it is compared with, is measured warm too.
      'warm-up': { type: 'string', default: '1000' },
      clients: { type: 'string', default: '32' },
      workers: { type: 'string' },
      concepts: { type: 'string', default: '10' },
      // How often each client polls its GET: real clients poll every few hundred ms; polling
      // faster mostly measures the GET handler.
      'poll-ms': { type: 'string', default: '100' },
      // PostgreSQL instead of SQLite: a fresh database on CFDI_BENCH_PG_URL or CFDI_TEST_PG_URL.
      pg: { type: 'boolean', default: false },
      // 1 API process (`serve --no-workers`) + N worker processes instead of one `serve`.
      'worker-processes': { type: 'string', default: '0' },
      // Clients PUT /{key}/cfdis (answered when stored) instead of cfdisAsync + polling.
      sync: { type: 'boolean', default: false },
      // Open loop: documents per second at fixed intervals instead of closed-loop clients.
      rate: { type: 'string' },
      // Seconds of the pipeline ceiling measured before the load (0: skip it).
      'ceiling-seconds': { type: 'string', default: '6' },
      profile: { type: 'boolean', default: false },
      // Extra Node.js/V8 flags for the server processes, space-separated (A/B experiments: '--server-flags=--single-threaded-gc').
      'server-flags': { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-bench-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env = { ...process.env, CFDI_DATA_DIR: dataDir, CFDI_PORT: port, CFDI_HOST: '127.0.0.1', CFDI_LOG_LEVEL: 'warn',
    // One tenant at full speed is the point here: no per-keyEmpresa rate limit.
    CFDI_RATE_LIMIT_PER_SECOND: '0',
    ...(values.workers ? { CFDI_WORKERS: values.workers } : {}) };
  const pgUrl = process.env.CFDI_BENCH_PG_URL ?? process.env.CFDI_TEST_PG_URL;
  if (values.pg && !pgUrl) throw new Error('--pg needs CFDI_BENCH_PG_URL or CFDI_TEST_PG_URL');
  const pgDb = values.pg ? await freshDatabase(pgUrl!, 'cfdi_bench') : undefined;
  if (pgDb) Object.assign(env, { CFDI_DATABASE_URL: pgDb.url });
  const workerProcesses = Number(values['worker-processes']);
  const tenant = demoTenant(env);
  const ceilingThreads = workerProcesses || Number(values.workers ?? availableParallelism());
  const ceilingSeconds = Number(values['ceiling-seconds']);
  if (ceilingSeconds > 0 && !values.json) process.stderr.write(`pipeline ceiling: ${ceilingThreads} threads, ${ceilingSeconds} s…\n`);
  const ceiling = ceilingSeconds > 0
    ? await measureCeiling({ env, tenant, threads: ceilingThreads, seconds: ceilingSeconds, concepts: Number(values.concepts) })
    : undefined;
  // Each server thread's CPU clock, read from /proc by a preload of the bench (not of the
  // service); with --profile, V8's sampling profiler in every thread too.
  const profileDir = join(dataDir, 'profile');
  mkdirSync(profileDir);
  const nodeArgs = ['--import', fileURLToPath(new URL('./lib/thread-clock.mjs', import.meta.url)),
    '--import', fileURLToPath(new URL('./lib/db-count.mjs', import.meta.url))];
  nodeArgs.push(...values['server-flags'].split(/\s+/).filter(Boolean));
  if (values.profile) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=1000');
  Object.assign(env, { CFDI_BENCH_CLOCK_DIR: profileDir });
  const server = spawnCli(workerProcesses ? ['serve', '--no-workers', '--no-demo'] : ['serve', '--no-demo'], env, nodeArgs);
  const workers = Array.from({ length: workerProcesses }, () => spawnCli(['worker'], { ...env, CFDI_WORKERS: '1' }, nodeArgs));
  let split: CpuSplit | undefined;
  try {
    await waitReady(`https://127.0.0.1:${port}`);
    const documents = Number(values.documents);
    const log = (s: string) => !values.json && process.stderr.write(s);
    // Warm-up: JIT, font parsing and caches in every worker thread.
    const warmUp = Number(values['warm-up']);
    if (warmUp > 0) {
      log(`warm-up: ${warmUp} documents…\n`);
      await runLoad({ baseUrl: `https://127.0.0.1:${port}`, tenant, documents: warmUp, clients: Math.min(Number(values.clients), 32), document: (i) => benchDocument(1_000_000 + i, Number(values.concepts)) });
    }
    await new Promise((r) => setTimeout(r, 300)); // every thread's database totals written
    const db0 = dbSnapshot(profileDir);
    const t0 = now();
    const serverCpu0 = processCpuMs(server.pid!);
    const workersCpu0 = workers.map((w) => processCpuMs(w.pid!));
    const pgCpu0 = pgDb ? postgresCpuMs() : undefined;
    const loadCpu0 = process.cpuUsage();
    const r = await runLoad({
      baseUrl: `https://127.0.0.1:${port}`,
      tenant,
      documents,
      clients: Number(values.clients),
      document: (i) => benchDocument(i, Number(values.concepts)),
      pollMs: Number(values['poll-ms']),
      sync: values.sync,
      rate: values.rate ? Number(values.rate) : undefined,
      onProgress: (n) => n % 100 === 0 && log(`\r${n}/${documents}`),
    });
    log('\n');
    const t1 = now();
    const loadCpu = process.cpuUsage(loadCpu0);
    const serverCpu = processCpuMs(server.pid!) - serverCpu0;
    const workersCpu = workers.map((w, i) => processCpuMs(w.pid!) - workersCpu0[i]!);
    const pgCpu1 = pgCpu0 === undefined ? undefined : postgresCpuMs();
    const pgCpuPerCfdi = pgCpu0 === undefined || pgCpu1 === undefined ? undefined : (pgCpu1 - pgCpu0) / (r.documents - r.errors);
    const rssMb = peakRssMb(server.pid!);
    // Let every thread's clock tick once more after t1 (they are idle now), then stop the
    // server: with --profile, each thread writes its profile when it exits.
    await new Promise((r) => setTimeout(r, 700));
    const db = dbSplit(db0, dbSnapshot(profileDir), r.documents - r.errors);
    await stopAll([server, ...workers]);
    try {
      split = cpuSplit({ dir: profileDir, pid: server.pid!, t0, t1, documents: r.documents - r.errors,
        serverCpuMs: serverCpu, loadGeneratorCpuMs: (loadCpu.user + loadCpu.system) / 1000 });
    } catch (e) {
      log(`CPU split not available: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    const out = { ...r, clients: Number(values.clients), ...(values.rate ? { rate: Number(values.rate) } : {}), pollMs: Number(values['poll-ms']), workers: values.workers ?? 'cores', concepts: Number(values.concepts), peakRssMb: rssMb,
      ...(split ? { cpuPerCfdi: split } : {}), ...(pgCpuPerCfdi !== undefined ? { postgresCpuMsPerCfdi: pgCpuPerCfdi } : {}), database: db, ...(ceiling ? { ceiling, ofCeiling: r.cfdiPerSecond / ceiling.documentsPerSecond } : {}) };
    if (values.json) console.log(JSON.stringify(out));
    else {
      const setup = `${pgDb ? 'PostgreSQL' : 'SQLite'}${workerProcesses ? `, 1 API + ${workerProcesses} worker processes` : ''}`;
      console.log(`end to end, HTTPS + ${setup}, ${out.concepts}-concept documents, ${values.rate ? `${values.rate} documents/s (open loop)` : `${out.clients} clients`} ${values.sync ? 'with PUT …/cfdis (answered when stored)' : `polling every ${values['poll-ms']} ms`}`);
      console.log(`  CFDI/s (ALMACENADO, with PDF)   ${r.cfdiPerSecond.toFixed(1)}   (${r.documents} documents in ${r.seconds.toFixed(1)} s, ${r.errors} errors)`);
      console.log(`  PUT latency p50 / p99           ${r.putMs.p50.toFixed(1)} / ${r.putMs.p99.toFixed(1)} ms`);
      console.log(`  time to ALMACENADO p50 / p99    ${r.almacenadoMs.p50.toFixed(0)} / ${r.almacenadoMs.p99.toFixed(0)} ms`);
      console.log(`  server peak RSS                 ${rssMb} MB`);
      if (ceiling) {
        console.log(`  pipeline ceiling                ${ceiling.documentsPerSecond.toFixed(1)} CFDI/s   (the workers' code on ${ceiling.threads} threads without HTTP, queue or database, PDF included; ${ceiling.cpuMsPerDocument.toFixed(2)} ms CPU each)`);
        console.log(`  end to end ÷ ceiling            ${(100 * r.cfdiPerSecond / ceiling.documentsPerSecond).toFixed(0)} %`);
      }
      if (values.profile) console.log('  (profiled: the sampling profiler slows the server; take throughput and latency from a run without --profile)');
      if (split) for (const l of formatSplit(split, availableParallelism())) console.log(l);
      workersCpu.forEach((ms, i) => console.log(`  worker process ${i + 1}: ${(ms / (r.documents - r.errors)).toFixed(2)} ms CPU per CFDI`));
      // The server shares the cores: its CPU is part of what each CFDI costs this machine.
      if (pgCpuPerCfdi !== undefined) console.log(`  PostgreSQL server: ${pgCpuPerCfdi.toFixed(2)} ms CPU per CFDI (all its processes on this machine, every database)`);
      if (split && (workers.length || pgCpuPerCfdi !== undefined)) {
        // The line "all" above counts the API process and the load generator only.
        const everything = split.serverTotal + split.loadGenerator + (pgCpuPerCfdi ?? 0)
          + workersCpu.reduce((a, ms) => a + ms, 0) / (r.documents - r.errors);
        console.log(`  everything above: ${everything.toFixed(2)} ms CPU per CFDI → at most ${((1000 * availableParallelism()) / everything).toFixed(0)} CFDI/s on ${availableParallelism()} cores`);
      }
      for (const l of formatDbSplit(db, pgDb ? 'PostgreSQL' : 'SQLite')) console.log(l);
    }
  } finally {
    await stopAll([server, ...workers]);
    await pgDb?.drop();
    if (process.env.CFDI_BENCH_KEEP) console.error(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
