/**
 * Lowers the scheduling priority of the calling thread only (Linux). The pipeline's worker
 * threads run CPU-bound work (rules, RSA, PDF) on the same cores as the API thread; at
 * equal priority a burst of documents makes every PUT and GET wait for a core. With the
 * workers a few nice levels down, the kernel runs the API thread first whenever both are
 * ready, and the workers still get every cycle the API leaves (throughput is unchanged
 * when the API is idle).
 *
 * Linux schedules threads as tasks: setpriority(PRIO_PROCESS, tid) — which os.setPriority
 * calls — changes that one thread. Elsewhere nothing is changed.
 */
import { getPriority, setPriority } from 'node:os';
import { readlinkSync } from 'node:fs';

/** The kernel's id of the calling thread, or undefined where /proc/thread-self is absent. */
export function kernelThreadId(): number | undefined {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets the calling thread's nice value to `nice` (0–19; only ever lowers the priority, which
 * needs no privilege) and returns it, or undefined when it could not (not Linux, refused).
 */
export function lowerThreadPriority(nice: number): number | undefined {
  const tid = kernelThreadId();
  if (tid === undefined || nice <= 0) return undefined;
  try {
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
