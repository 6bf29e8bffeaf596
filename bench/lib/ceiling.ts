/**
 * The pipeline ceiling (issue 17): the workers' code on W threads at once, with no HTTP,
 * queue or database (ceiling-worker.ts), on the same tenant and documents as the end-to-end
 * run. End to end ÷ this is the share of the machine that goes into making invoices.
 */
import { spawnTsWorker } from '../../src/shared/ts-worker.ts';
import type { Tenant } from './load.ts';

export interface Ceiling {
  threads: number;
  documentsPerSecond: number;
  /** CPU per document inside the pipeline threads (ms). */
  cpuMsPerDocument: number;
}

export async function measureCeiling(o: { env: Record<string, string | undefined>; tenant: Tenant; threads: number; seconds: number; concepts: number }): Promise<Ceiling> {
  const env = Object.fromEntries(Object.entries(o.env).filter(([k, v]) => k.startsWith('CFDI_') && v !== undefined)) as Record<string, string>;
  const workers = Array.from({ length: o.threads }, (_, i) => spawnTsWorker(new URL('./ceiling-worker.ts', import.meta.url), {
    workerData: { env, tenant: o.tenant, seconds: o.seconds, concepts: o.concepts, start: 2_000_000 + i * 1_000_000 },
  }));
  const next = (w: (typeof workers)[number], type: string) => new Promise<Record<string, number>>((resolve, reject) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      w.off('message', on);
      resolve(m as unknown as Record<string, number>);
    };
    w.on('message', on);
    w.once('error', reject);
  });
  try {
    await Promise.all(workers.map((w) => next(w, 'ready')));
    // All threads measure the same window, as the service's worker threads share the cores.
    const done = workers.map((w) => next(w, 'done'));
    for (const w of workers) w.postMessage('go');
    const results = await Promise.all(done);
    const documents = results.reduce((s, r) => s + r.documents!, 0);
    const ms = Math.max(...results.map((r) => r.ms!));
    const cpuMs = results.reduce((s, r) => s + r.cpuMs!, 0);
    return { threads: o.threads, documentsPerSecond: documents / (ms / 1000), cpuMsPerDocument: cpuMs / documents };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
