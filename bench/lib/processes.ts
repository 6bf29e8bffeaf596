/** Starting `cfdi-async` processes for benchmarks and the fault test. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { Tenant } from './load.ts';

export const cliBin = new URL('../../bin/cfdi-async.js', import.meta.url).pathname;

/** `nodeArgs`: options for node itself (e.g. the profiler), before the script. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const p = spawn(process.execPath, [...nodeArgs, cliBin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // Drain stderr so a chatty process never blocks; show only real crashes.
  p.stderr!.on('data', () => undefined);
  return p;
}

/**
 * CLI processes a test starts and must not leave behind: `start` spawns and tracks one until
 * it exits, `killAll` SIGKILLs those still running (a test's `after`).
 */
export function processTracker(): { start(args: string[], env: NodeJS.ProcessEnv): ChildProcess; killAll(): void } {
  const procs = new Set<ChildProcess>();
  return {
    start(args, env) {
      const p = spawnCli(args, env);
      procs.add(p);
      p.once('exit', () => procs.delete(p));
      return p;
    },
    killAll() {
      for (const p of procs) p.kill('SIGKILL');
    },
  };
}

/** Creates the demo tenant in the configured database and returns its ids. */
export function demoTenant(env: NodeJS.ProcessEnv): Tenant {
  return JSON.parse(execFileSync(process.execPath, [cliBin, 'demo', '--json'], { env, encoding: 'utf8' })) as Tenant;
}

/** Polls `<base>/ready` until it answers 200 (bounded). */
export async function waitReady(base: string, timeoutMs = 60_000): Promise<void> {
  const url = new URL('/ready', base);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not become ready`);
}

/** Peak resident memory of a process (all its threads), from /proc. */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

export async function stopAll(procs: Iterable<ChildProcess>, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all([...procs].map((p) => (p.exitCode !== null || p.signalCode !== null ? undefined : new Promise((r) => {
    p.once('exit', r);
    p.kill(signal);
  }))));
}
