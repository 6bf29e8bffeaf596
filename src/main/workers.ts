/**
 * Starts, watches and stops the pipeline worker threads of this process.
 *
 * A thread that dies (an uncaught error, a failed start) is logged and replaced after a
 * pause that grows while replacements keep dying. When a slot's replacements have died
 * `maxRestarts` times in a row, the pool gives up and calls `onFatal`: the process
 * cannot do its work and must exit non-zero so that its supervisor notices.
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { spawnTsWorker } from '../shared/ts-worker.ts';
import { bundleTsEntry } from '../shared/ts-bundle.mjs';
import { releaseWriteLockOf } from '../storage/sqlite/write-lock.ts';

export interface WorkerPool {
  size: number;
  /** Threads started and not exited. */
  live(): number;
  /** Threads replaced since the pool started. */
  restarts(): number;
  /** Graceful: running jobs finish (or are released after graceMs). */
  stop(graceMs?: number): Promise<void>;
}

export interface WorkerPoolOptions {
  log: Record<'error' | 'warn' | 'info', (o: object, msg: string) => void>;
  /** The process's SQLite writer mutex, passed to every thread by reference. */
  sqliteWriteLock?: SharedArrayBuffer;
  /**
   * The first thread (and each of its replacements) runs the process's SQLite WAL checkpoints
   * (storage/sqlite/checkpointer.ts) on its timer, when the configuration has them in the background.
   */
  checkpoints?: boolean;
  /** Called once when the pool gives up replacing a thread. */
  onFatal?: (e: Error) => void;
  /** Consecutive short-lived replacements of one slot before giving up (default 8). */
  maxRestarts?: number;
  /** First pause before a replacement, doubled per consecutive death up to 30 s (default 500 ms). */
  restartBaseMs?: number;
  /** A thread that ran this long before dying starts its slot's count afresh (default 60 s). */
  healthyAfterMs?: number;
  /** The thread's module (tests substitute one). */
  script?: URL;
  /** Extra workerData for every thread (tests). */
  workerData?: Record<string, unknown>;
}

interface Slot {
  index: number;
  worker?: Worker;
  /** Set once the thread said 'started'; cleared when it exits. */
  live: boolean;
  startedAt: number;
  deaths: number;
  timer?: NodeJS.Timeout;
}

export async function startWorkerThreads(config: Readonly<Config>, count: number, o: WorkerPoolOptions): Promise<WorkerPool> {
  const script = o.script ?? new URL('./worker-thread.ts', import.meta.url);
  const maxRestarts = o.maxRestarts ?? 8;
  const baseMs = o.restartBaseMs ?? 500;
  const healthyAfterMs = o.healthyAfterMs ?? 60_000;
  let stopping = false;
  let fatal = false;
  /** Until the first start completes, a thread dying before it started fails that start rather than being replaced. */
  let watching = false;
  let restarts = 0;
  // One JavaScript module for every thread: no tsx loader thread per worker (ts-bundle.mjs).
  const bundle = await bundleTsEntry(script).catch((e: unknown) => {
    o.log.warn({ err: e }, 'worker threads run their TypeScript through tsx: the bundle could not be built');
    return undefined;
  });
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({ index, live: false, startedAt: 0, deaths: 0 }));

  /** Spawns the slot's thread; resolves when it started, rejects when it died first. */
  function spawn(slot: Slot): Promise<void> {
    const w = spawnTsWorker(script, {
      // Under load V8 grows a thread's young generation to its default maximum (32 MB
      // physical); a smaller one costs more frequent, shorter scavenges. Below V8's default
      // old-generation limit (~4 GB) V8 lets garbage grow to less before a full collection
      // (docs/benchmarks.md, "Server memory").
      resourceLimits: { maxYoungGenerationSizeMb: config.workerYoungGenerationMb, maxOldGenerationSizeMb: config.workerOldGenerationMb },
      // A process running for days may outlive its bundle (purged a day after its sources
      // changed, ts-bundle.mjs): a replacement thread then runs its TypeScript through tsx.
      bundle: bundle && existsSync(bundle) ? bundle : undefined,
      workerData: {
        config: structuredClone(config),
        workerId: `${hostname()}-${process.pid}-${slot.index}`,
        sqliteWriteLock: o.sqliteWriteLock,
        checkpoints: Boolean(o.checkpoints) && slot.index === 0,
        ...o.workerData,
      },
    });
    slot.worker = w;
    let error: unknown;
    w.on('error', (e) => {
      error = e;
    });
    const started = new Promise<void>((resolve, reject) => {
      w.on('message', (m: { type?: string }) => {
        if (m?.type !== 'started') return;
        slot.live = true;
        slot.startedAt = Date.now();
        resolve();
      });
      w.once('exit', (code) => reject(error instanceof Error ? error : new Error(`worker thread exited with code ${code} before it started`)));
    });
    const tid = w.threadId;
    w.once('exit', (code) => {
      // A thread terminated in the middle of a write must not keep the others waiting.
      releaseWriteLockOf(o.sqliteWriteLock, tid);
      const wasLive = slot.live;
      slot.live = false;
      if (stopping || fatal || (!watching && !wasLive)) return;
      if (wasLive && Date.now() - slot.startedAt >= healthyAfterMs) slot.deaths = 0;
      slot.deaths++;
      const err = error instanceof Error ? error : undefined;
      if (slot.deaths > maxRestarts) {
        fatal = true;
        const e = new Error(`worker thread ${slot.index} died ${slot.deaths} times in a row; giving up`, { cause: err });
        o.log.error({ err: e, worker: slot.index, exitCode: code }, 'worker threads cannot be kept running');
        o.onFatal?.(e);
        return;
      }
      const delay = Math.min(baseMs * 2 ** (slot.deaths - 1), 30_000);
      o.log.error({ err, worker: slot.index, exitCode: code, deaths: slot.deaths, restartInMs: delay },
        wasLive ? 'worker thread died; replacing it' : 'worker thread failed to start; retrying');
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        if (stopping || fatal) return;
        restarts++;
        spawn(slot).then(
          () => o.log.info({ worker: slot.index, restarts }, 'worker thread replaced'),
          () => undefined, // its exit handler above already logged and scheduled the next try
        );
      }, delay);
    });
    return started;
  }

  try {
    // The first start is all or nothing: a configuration that cannot start a thread fails now.
    for (const s of slots) await spawn(s);
    watching = true;
  } catch (e) {
    stopping = true;
    await Promise.all(slots.map((s) => s.worker?.terminate()));
    throw e;
  }

  return {
    size: count,
    live: () => slots.filter((s) => s.live).length,
    restarts: () => restarts,
    async stop(graceMs = 10_000) {
      stopping = true;
      await Promise.all(
        slots.map(async (s) => {
          clearTimeout(s.timer);
          const w = s.worker;
          if (!w || !s.live) return w?.terminate();
          w.postMessage({ type: 'stop', graceMs });
          const stopped = once(w, 'message');
          const timeout = new Promise((r) => setTimeout(r, graceMs + 5_000).unref());
          await Promise.race([stopped, timeout, once(w, 'exit')]);
          await w.terminate();
        }),
      );
    },
  };
}
