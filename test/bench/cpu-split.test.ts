/**
 * The e2e benchmark's CPU split (bench/lib/cpu-split.ts) on a synthetic profile and
 * synthetic thread clocks with known answers, and its thread-clock preload in real threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuSplit, formatSplit, postgresCpuMs } from '../../bench/lib/cpu-split.ts';

const PID = 4242;
const SRC = 'file:///repo/src';

/** A profile whose samples sit in the given leaf stacks, `us` microseconds each, from t = 0. */
function profile(stacks: Array<{ frames: Array<[string, string] | [string, string, number]>; us: number }>) {
  const nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number }; children: number[] }> = [
    { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const s of stacks) {
    let parent = nodes[0];
    for (const [fn, url, line] of s.frames) {
      let n = parent.children.map((id) => nodes[id - 1]).find((c) => c.callFrame.functionName === fn && c.callFrame.url === url);
      if (!n) {
        n = { id: nodes.length + 1, callFrame: { functionName: fn, url, ...(line === undefined ? {} : { lineNumber: line, columnNumber: 0 }) }, children: [] };
        nodes.push(n);
        parent.children.push(n.id);
      }
      parent = n;
    }
    // One sample per millisecond of the stack's time; the first at startTime.
    for (let k = 0; k < s.us / 1000; k++) { samples.push(parent.id); timeDeltas.push(samples.length === 1 ? 0 : 1000); }
  }
  const endTime = samples.length * 1000;
  return { nodes, startTime: 0, endTime, samples, timeDeltas };
}

function clockLines(threadId: number, isMainThread: boolean, points: Array<[t: number, cpuMs: number, rqMs: number]>): string {
  return [JSON.stringify({ pid: PID, threadId, isMainThread }),
    ...points.map(([t, cpu, rq]) => JSON.stringify({ t, cpu: cpu * 1e6, rq: rq * 1e6 }))].join('\n');
}

test('each thread\'s kernel CPU is shared among stages by its samples, time off the CPU taken out first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpu-split-'));
  try {
    // Pipeline thread, a 1 s window: 100 ms seal (RSA inside the sealing module), 300 ms in a
    // database call under the rules (database wins wherever it is in the stack), 200 ms more
    // database (100 ms of it blocked in fsync), 100 ms waiting for the write lock, 300 ms idle.
    const pipeline = profile([
      { frames: [['processPeticion', `${SRC}/invoicing/process.ts`], ['sealComprobante', `${SRC}/sealing/seal.ts`], ['signOneShot', 'node:internal/crypto/sig']], us: 100_000 },
      { frames: [['processPeticion', `${SRC}/invoicing/process.ts`], ['validate', `${SRC}/rules/validate.ts`], ['lookupCatalog', `${SRC}/storage/sqlite/index.ts`], ['get', '']], us: 300_000 },
      { frames: [['processPeticion', `${SRC}/invoicing/process.ts`], ['saveSealed', `${SRC}/storage/sqlite/index.ts`], ['run', '']], us: 200_000 },
      { frames: [['saveStamped', `${SRC}/storage/sqlite/index.ts`], ['withWriteLock', `${SRC}/storage/sqlite/write-lock.ts`]], us: 100_000 },
      { frames: [['(idle)', '']], us: 300_000 },
    ]);
    writeFileSync(join(dir, `CPU.20261201.120000.${PID}.1.002.cpuprofile`), JSON.stringify(pipeline));
    // Kernel: 500 ms CPU, no run-queue wait → off CPU 500 ms = 300 idle + 200 blocked (100 lock + 100 fsync).
    writeFileSync(join(dir, `clock.${PID}.1.jsonl`), clockLines(1, false, [[0, 0, 0], [1_000_000, 500, 0], [1_100_000, 500, 0]]));
    // API thread: clock only (no profile), 200 ms CPU, 50 ms waiting for a core.
    writeFileSync(join(dir, `clock.${PID}.0.jsonl`), clockLines(0, true, [[0, 0, 0], [2_000_000, 400, 100]]));
    const s = cpuSplit({ dir, pid: PID, t0: 0, t1: 1_000_000, documents: 10, serverCpuMs: 1_000, loadGeneratorCpuMs: 100 });
    const api = s.groups.find((g) => g.role === 'api')!;
    const pipe = s.groups.find((g) => g.role === 'pipeline')!;
    assert.equal(api.cpuTotal, 20); // 200 ms / 10 documents, interpolated at t1
    assert.equal(api.runQueue, 5);
    assert.equal(api.offCpu, 75); // (1000 − 200 − 50) / 10
    assert.equal(api.stages, undefined);
    assert.equal(pipe.cpuTotal, 50);
    assert.equal(pipe.idle, 30);
    assert.equal(pipe.blocked, 20);
    assert.equal(pipe.lockWait, 10);
    // On-CPU samples: seal 100, database 500 − 100 (fsync) = 400: CPU 500 shared 1 : 4.
    assert.deepEqual(pipe.stages, { seal: 10, database: 40 });
    assert.equal(s.serverOther, 100 - 20 - 50);
    assert.equal(s.loadGenerator, 10);
    assert.ok(s.profiled);
    const text = formatSplit(s, 2).join('\n');
    assert.match(text, /server, 1 pipeline thread +50\.00 +database 40\.00 · seal 10\.00/);
    assert.match(text, /idle 30\.00 · blocked 20\.00 \(SQLite write lock ≈ 10\.00/);
    assert.match(text, /load generator \(this process\) +10\.00 +9% of all the CPU used/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stages follow the outermost stage module; HTTP, PDF, GC and native code are told apart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpu-split-'));
  try {
    const api = profile([
      // The XML the PAC writes belongs to stamping; the PDF's QR to rendering.
      { frames: [['stamp', `${SRC}/stamping/test-pac/index.ts`], ['writeComprobante', `${SRC}/cfdi/xml/write.ts`]], us: 100_000 },
      { frames: [['renderPdf', `${SRC}/rendering/pdf/render.ts`], ['qrMatrix', `${SRC}/rendering/pdf/qr.ts`]], us: 100_000 },
      { frames: [['runPreParsing', 'file:///repo/node_modules/fastify/lib/route.js'], ['submitPeticion', `${SRC}/invoicing/submit.ts`]], us: 100_000 },
      { frames: [['onStreamRead', 'node:internal/stream_base_commons']], us: 100_000 },
      { frames: [['(garbage collector)', '']], us: 100_000 },
      { frames: [['(program)', '']], us: 100_000 },
      { frames: [['processTicksAndRejections', 'node:internal/process/task_queues']], us: 100_000 },
    ]);
    writeFileSync(join(dir, `CPU.20261201.120000.${PID}.0.001.cpuprofile`), JSON.stringify(api));
    writeFileSync(join(dir, `clock.${PID}.0.jsonl`), clockLines(0, true, [[0, 0, 0], [700_000, 700, 0]]));
    const s = cpuSplit({ dir, pid: PID, t0: 0, t1: 700_000, documents: 1, serverCpuMs: 700, loadGeneratorCpuMs: 0 });
    assert.deepEqual(s.groups[0].stages, { stamp: 100, PDF: 100, HTTP: 200, GC: 100, native: 100, other: 100 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a bundle's frames are put in the stage of their source file, read from the bundle's source map", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpu-split-'));
  try {
    // As src/shared/ts-bundle.mjs writes them: the bundle, and its map beside it. Generated
    // line 0 comes from the layout, line 1 from the sealing module, line 2 from invoicing/.
    const bundle = join(dir, 'worker-thread-0123456789abcdef.mjs');
    writeFileSync(bundle, 'function a(){}\nfunction b(){}\nfunction c(){}\n');
    writeFileSync(`${bundle}.map`, JSON.stringify({ version: 3, sources: ['../../../src/layout/xsa/parse.ts', '../../../src/sealing/seal.ts', '../../../src/invoicing/process.ts'],
      names: [], mappings: 'AAAA;ACAA;ACAA' }));
    const url = pathToFileURL(bundle).href;
    const api = profile([
      { frames: [['processPeticion', url, 2], ['parse', url, 0]], us: 100_000 },
      { frames: [['processPeticion', url, 2], ['sealComprobante', url, 1]], us: 200_000 },
      { frames: [['processPeticion', url, 2]], us: 100_000 },
    ]);
    writeFileSync(join(dir, `CPU.20261201.120000.${PID}.1.001.cpuprofile`), JSON.stringify(api));
    writeFileSync(join(dir, `clock.${PID}.1.jsonl`), clockLines(1, false, [[0, 0, 0], [400_000, 400, 0]]));
    const s = cpuSplit({ dir, pid: PID, t0: 0, t1: 400_000, documents: 1, serverCpuMs: 400, loadGeneratorCpuMs: 0 });
    assert.deepEqual(s.groups[0].stages, { layout: 100, seal: 200, other: 100 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the thread-clock preload records every JavaScript thread, and nothing without its variable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thread-clock-'));
  try {
    const preload = fileURLToPath(new URL('../../bench/lib/thread-clock.mjs', import.meta.url));
    // A worker started from a file, as the server's are (the preload does not reach eval workers).
    const workerFile = join(dir, 'busy.mjs');
    writeFileSync(workerFile, 'let x = 0; for (let i = 0; i < 3e7; i++) x += i;');
    const script = `const { Worker } = require('node:worker_threads');
      const w = new Worker(${JSON.stringify(workerFile)});
      w.on('exit', () => setTimeout(() => {}, 300));`;
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['--import', preload, '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(run({ CFDI_BENCH_CLOCK_DIR: '' }).status, 0);
    assert.deepEqual(readdirSync(dir), ['busy.mjs']);
    const r = run({ CFDI_BENCH_CLOCK_DIR: dir });
    assert.equal(r.status, 0, r.stderr);
    const files = readdirSync(dir).filter((f) => f.startsWith('clock.')).sort();
    assert.equal(files.length, 2, files.join());
    const worker = readFileSync(join(dir, files.find((f) => f.endsWith('.1.jsonl'))!), 'utf8').trim().split('\n');
    assert.deepEqual(Object.keys(JSON.parse(worker[0])), ['pid', 'threadId', 'isMainThread']);
    const samples = worker.slice(1).map((l) => JSON.parse(l) as { t: number; cpu: number });
    assert.ok(samples.length >= 2);
    // The worker's own CPU (its busy loop), not the process's.
    assert.ok(samples.at(-1)!.cpu - samples[0].cpu > 5e6, JSON.stringify(samples));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("PostgreSQL's CPU: every postgres process, with the children its postmaster reaped; none visible: undefined", () => {
  const proc = mkdtempSync(join(tmpdir(), 'cfdi-proc-'));
  try {
    // comm, then a stat line whose command name has spaces and a parenthesis, as a backend's title may.
    const fake = (pid: string, comm: string, times: [number, number, number, number]) => {
      mkdirSync(join(proc, pid));
      writeFileSync(join(proc, pid, 'comm'), `${comm}\n`);
      writeFileSync(join(proc, pid, 'stat'), `${pid} (${comm} (x) y) S 1 2 3 4 5 6 7 8 9 10 ${times.join(' ')} 20 0 1 0 100 200 300\n`);
    };
    assert.equal(postgresCpuMs(proc), undefined);
    fake('10', 'postgres', [100, 20, 300, 40]); // the postmaster: 460 ticks with its reaped backends
    fake('11', 'postgres', [5, 5, 0, 0]);
    fake('12', 'node', [999, 999, 999, 999]);
    mkdirSync(join(proc, 'self'));
    assert.equal(postgresCpuMs(proc), 4700);
  } finally {
    rmSync(proc, { recursive: true, force: true });
  }
});
