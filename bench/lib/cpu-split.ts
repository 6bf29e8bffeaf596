/**
 * Where the server's CPU goes, per document, for `npm run bench -- e2e`. Nothing in the
 * service is instrumented. The bench preloads thread-clock.mjs into the server, which
 * records each JavaScript thread's CPU time from the kernel (a read of /proc every 200 ms
 * per thread): that gives CPU per document by process and thread. With `--profile` the
 * bench also starts the server under V8's sampling profiler (`--cpu-prof`; every
 * JavaScript thread writes a profile when it exits) and splits each thread's CPU by stage.
 *
 * Samples say where a thread was (its stack), at wall-clock intervals; the kernel says how
 * much CPU it used. For each thread, the samples of the measured window are sorted into
 * stages by their stack (rules below). Time off the CPU is taken out first: idle samples
 * (the event loop waiting), samples waiting for the SQLite write lock, and the rest of the
 * time the thread was blocked (window − CPU − run-queue wait − idle − lock; fsync and other
 * synchronous I/O, which happen inside database calls, so it comes out of the database
 * stage). The thread's CPU is then shared among the stages in proportion to what is left.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A sample's stage, from its stack: database anywhere wins, then the outermost stage module. */
const DATABASE = /\/src\/storage\/|\/src\/queue\/|\/node_modules\/better-sqlite3\/|\/node_modules\/pg(-[a-z-]+)?\//;
const STAGES: Array<[RegExp, string]> = [
  [/\/src\/layout\//, 'layout'],
  [/\/src\/cfdi\/amounts\//, 'amounts'],
  [/\/src\/rules\/|\/src\/catalogs\//, 'rules'],
  [/\/src\/sealing\//, 'seal'],
  [/\/src\/stamping\//, 'stamp'],
  [/\/src\/rendering\//, 'PDF'],
  [/\/src\/cfdi\/xml\//, 'XML'],
  [/\/src\/invoicing\/download\.ts|\/node_modules\/yazl\//, 'ZIP'],
  [/\/src\/http\/|\/node_modules\/(@fastify|fastify|find-my-way|avvio|light-my-request|secure-json-parse|fast-json-stringify)\/|^node:(_http|https?|_tls|tls|net)|^node:internal\/(http|tls|stream_base|js_stream|streams)/, 'HTTP'],
  [/\/node_modules\/(pino|thread-stream|sonic-boom)/, 'logging'],
];

/** Stages in the order they are printed. */
export const STAGE_ORDER = ['HTTP', 'database', 'layout', 'amounts', 'rules', 'seal', 'XML', 'stamp', 'PDF', 'ZIP', 'logging', 'GC', 'native', 'other'];

export const STAGE_HELP: Record<string, string> = {
  HTTP: 'fastify, TLS, request parsing and answers',
  database: 'storage/ and queue/ with the SQLite or PostgreSQL driver',
  layout: 'the connector reading archivoFuente',
  amounts: 'completing the Comprobante (decimal amounts)',
  rules: 'the SAT validation matrix',
  seal: 'cadena original and RSA signature',
  XML: 'writing and reading the CFDI XML in the pipeline',
  stamp: 'the (test) PAC: its checks, TFD and SAT seal',
  PDF: 'view model, layout and PDF writing',
  ZIP: 'download packaging',
  logging: 'pino',
  GC: "V8's garbage collector on this thread",
  native: 'native code outside any JavaScript frame (I/O callbacks, TLS records)',
  other: 'the rest: invoicing glue, promises, timers, module loading',
};

interface Frame { functionName: string; url: string; lineNumber?: number; columnNumber?: number }

/**
 * The source file of a frame. The CLI and the worker threads run an esbuild bundle
 * (src/shared/ts-bundle.mjs), whose frames all carry the bundle's URL: its linked source
 * map gives the file each function came from (the function's first position suffices).
 */
function sourceOf(f: Frame, maps: Map<string, SourceMap | null>): string {
  if (!f.url.endsWith('.mjs') || f.lineNumber === undefined) return f.url;
  let m = maps.get(f.url);
  if (m === undefined) {
    try {
      m = new SourceMap(JSON.parse(readFileSync(fileURLToPath(`${f.url}.map`), 'utf8')));
    } catch {
      m = null; // not a bundle of ours (or its map is gone): the URL as it is
    }
    maps.set(f.url, m);
  }
  const e = m?.findEntry(f.lineNumber, f.columnNumber ?? 0);
  return e && 'originalSource' in e && e.originalSource ? `/${e.originalSource}` : f.url;
}
interface ProfileNode { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

type Category = string | 'idle' | 'lock-wait';

/** The category of every node of a profile, from its stack (root to node). */
function categorize(p: Profile): Map<number, Category> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<number, Category>();
  const root = p.nodes[0];
  const maps = new Map<string, SourceMap | null>();
  const walk = (n: ProfileNode, stage: string | undefined, db: boolean) => {
    const fn = n.callFrame.functionName;
    const url = sourceOf(n.callFrame, maps);
    const inDb = db || DATABASE.test(url);
    let s = stage;
    if (!s) for (const [re, name] of STAGES) if (re.test(url)) { s = name; break; }
    let cat: Category;
    if (fn === '(idle)') cat = 'idle';
    else if (fn === '(garbage collector)') cat = 'GC';
    else if (fn === '(program)') cat = 'native';
    // Atomics.wait has no frame of its own: withWriteLock's self time is its wait.
    else if (fn === 'withWriteLock' && url.includes('write-lock')) cat = 'lock-wait';
    else if (inDb) cat = 'database';
    else cat = s ?? 'other';
    out.set(n.id, cat);
    for (const c of n.children ?? []) walk(byId.get(c)!, s, inDb);
  };
  walk(root, undefined, false);
  return out;
}

/** Microseconds of samples per category within [t0, t1] (µs, CLOCK_MONOTONIC). */
function sampleTimes(p: Profile, t0: number, t1: number): Map<Category, number> {
  const cats = categorize(p);
  const times = new Map<Category, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const next = i + 1 < p.samples.length ? t + p.timeDeltas[i + 1] : p.endTime;
    // The time up to the next sample, clipped to the window.
    const d = Math.min(next, t1) - Math.max(t, t0);
    if (d <= 0) continue;
    const c = cats.get(p.samples[i])!;
    times.set(c, (times.get(c) ?? 0) + d);
  }
  return times;
}

interface ClockSample { t: number; cpu: number; rq: number }

/** A thread's CPU and run-queue wait (ns) at time t (µs), interpolated between samples. */
function clockAt(samples: ClockSample[], t: number): { cpu: number; rq: number } | undefined {
  if (!samples.length || t < samples[0].t || t > samples[samples.length - 1].t) return undefined;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (t <= b.t) {
      const f = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
      return { cpu: a.cpu + f * (b.cpu - a.cpu), rq: a.rq + f * (b.rq - a.rq) };
    }
  }
  return undefined;
}

export interface ThreadGroup {
  /** The main thread (HTTP API) or the pipeline worker threads. */
  role: 'api' | 'pipeline';
  threads: number;
  /** CPU ms per document. */
  cpuTotal: number;
  /** Wall ms per document (summed over the group's threads) ready to run but without a core. */
  runQueue: number;
  /** Wall ms per document off the CPU otherwise: idle or blocked (split only with --profile). */
  offCpu: number;
  /** With --profile: CPU ms per document by stage, and the split of `offCpu`. */
  stages?: Record<string, number>;
  idle?: number;
  blocked?: number;
  lockWait?: number;
}

export interface CpuSplit {
  documents: number;
  seconds: number;
  groups: ThreadGroup[];
  /** CPU ms per document of the server's other threads (V8 GC and compiler helpers, libuv pool, module loader; with --profile, V8's samplers). */
  serverOther: number;
  serverTotal: number;
  loadGenerator: number;
  profiled: boolean;
}

interface Clock { threadId: number; isMainThread: boolean; samples: ClockSample[] }

function readClocks(dir: string, pid: number): Clock[] {
  const out: Clock[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(`clock.${pid}.`)) continue;
    const [head, ...rest] = readFileSync(join(dir, f), 'utf8').trim().split('\n');
    const h = JSON.parse(head) as { threadId: number; isMainThread: boolean };
    out.push({ threadId: h.threadId, isMainThread: h.isMainThread, samples: rest.map((l) => JSON.parse(l) as ClockSample) });
  }
  return out;
}

/** Reads the clocks (and profiles, if any) of server process `pid` in `dir` and splits the window's CPU. */
export function cpuSplit(o: {
  dir: string; pid: number; t0: number; t1: number; documents: number;
  serverCpuMs: number; loadGeneratorCpuMs: number;
}): CpuSplit {
  const profiles = new Map<number, string>();
  for (const f of readdirSync(o.dir)) {
    const m = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(f);
    if (m && Number(m[1]) === o.pid) profiles.set(Number(m[2]), join(o.dir, f));
  }
  const per = (ms: number) => ms / o.documents;
  const windowMs = (o.t1 - o.t0) / 1000;
  const groups = new Map<'api' | 'pipeline', ThreadGroup>();
  let jsCpu = 0;
  for (const clock of readClocks(o.dir, o.pid)) {
    const a = clockAt(clock.samples, o.t0);
    const b = clockAt(clock.samples, o.t1);
    if (!a || !b) continue;
    const cpuMs = (b.cpu - a.cpu) / 1e6;
    const rqMs = (b.rq - a.rq) / 1e6;
    jsCpu += cpuMs;
    const role = clock.isMainThread ? 'api' : 'pipeline';
    const g = groups.get(role) ?? { role, threads: 0, cpuTotal: 0, runQueue: 0, offCpu: 0 };
    groups.set(role, g);
    g.threads++;
    g.cpuTotal += per(cpuMs);
    g.runQueue += per(rqMs);
    const off = Math.max(0, windowMs - cpuMs - rqMs);
    g.offCpu += per(off);
    const file = profiles.get(clock.threadId);
    if (!file) continue;
    const times = sampleTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile, o.t0, o.t1);
    // Samples fall at wall-clock intervals, so on a busy machine they also count time spent
    // waiting for a core: the kernel's off-CPU time bounds what they say.
    const idleMs = Math.min(off, (times.get('idle') ?? 0) / 1000);
    const blockedMs = off - idleMs;
    const lockMs = Math.min(blockedMs, (times.get('lock-wait') ?? 0) / 1000);
    // What is left of each stage's samples once the time off the CPU is taken out (µs).
    const onCpu = new Map<string, number>();
    for (const [c, us] of times) if (c !== 'idle' && c !== 'lock-wait') onCpu.set(c, us);
    const db = onCpu.get('database');
    if (db !== undefined) onCpu.set('database', Math.max(0, db - (blockedMs - lockMs) * 1000));
    let sum = 0;
    for (const us of onCpu.values()) sum += us;
    g.stages ??= {};
    for (const [c, us] of onCpu) if (sum > 0) g.stages[c] = (g.stages[c] ?? 0) + per((cpuMs * us) / sum);
    g.idle = (g.idle ?? 0) + per(idleMs);
    g.blocked = (g.blocked ?? 0) + per(blockedMs);
    g.lockWait = (g.lockWait ?? 0) + per(lockMs);
  }
  return {
    documents: o.documents,
    seconds: windowMs / 1000,
    groups: (['api', 'pipeline'] as const).flatMap((r) => groups.get(r) ?? []),
    serverOther: per(Math.max(0, o.serverCpuMs - jsCpu)),
    serverTotal: per(o.serverCpuMs),
    loadGenerator: per(o.loadGeneratorCpuMs),
    profiled: profiles.size > 0,
  };
}

/** Process CPU (user + system, all threads) in ms, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (USER_HZ = 100 on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * CPU in ms of every PostgreSQL server process on this machine (backends, WAL writer,
 * checkpointer, autovacuum), with what the postmaster's reaped children used (cutime and
 * cstime), so a backend that exits between two readings still counts. Undefined when no
 * such process is visible (a server elsewhere). It includes every database's work.
 */
export function postgresCpuMs(procDir = '/proc'): number | undefined {
  let ticks = 0;
  let seen = false;
  for (const pid of readdirSync(procDir)) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      if (readFileSync(join(procDir, pid, 'comm'), 'utf8').trim() !== 'postgres') continue;
      stat = readFileSync(join(procDir, pid, 'stat'), 'utf8');
    } catch {
      continue; // gone meanwhile: its time is in its parent's cutime now
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    seen = true;
  }
  return seen ? (ticks * 1000) / 100 : undefined;
}

/** The report for people; `cores` for the ceiling the mix allows. */
export function formatSplit(s: CpuSplit, cores: number): string[] {
  const ms = (v: number) => v.toFixed(2);
  const lines: string[] = [];
  const total = s.serverTotal + s.loadGenerator;
  const row = (name: string, v: number, note = '') => lines.push(`  ${name.padEnd(32)}${ms(v).padStart(7)}   ${note}`.trimEnd());
  lines.push(`CPU per CFDI, ms (kernel thread clocks over the ${s.documents} measured documents, ${s.seconds.toFixed(1)} s${s.profiled ? '; stages from the V8 sampling profiler' : ''}):`);
  for (const g of s.groups) {
    const name = g.role === 'api' ? 'server, API thread' : `server, ${g.threads} pipeline thread${g.threads > 1 ? 's' : ''}`;
    const stages = g.stages ? STAGE_ORDER.filter((k) => (g.stages![k] ?? 0) >= 0.005).map((k) => `${k} ${ms(g.stages![k])}`).join(' · ') : '';
    row(name, g.cpuTotal, stages);
    const off = g.idle !== undefined
      ? `idle ${ms(g.idle)} · blocked ${ms(g.blocked!)} (SQLite write lock ≈ ${ms(g.lockWait!)}, the rest fsync and sync I/O)`
      : `idle or blocked ${ms(g.offCpu)}`;
    lines.push(`  ${''.padEnd(39)}   off CPU, wall ms: ${off} · ready, waiting for a core ${ms(g.runQueue)}`);
  }
  row('server, other threads', s.serverOther, `V8 GC and compiler helpers, libuv pool, module loader${s.profiled ? ', V8 profiler samplers' : ''}`);
  row('server, whole process', s.serverTotal);
  row('load generator (this process)', s.loadGenerator, `${((100 * s.loadGenerator) / total).toFixed(0)}% of all the CPU used`);
  row('all', total, `→ this mix allows at most ${((1000 * cores) / total).toFixed(0)} CFDI/s on ${cores} cores`);
  if (s.profiled) lines.push(`  stages: ${STAGE_ORDER.map((k) => `${k} = ${STAGE_HELP[k]}`).join('; ')}`);
  else lines.push('  (add --profile for the split by stage: HTTP, database, layout, rules, seal, stamp, PDF…)');
  return lines;
}
