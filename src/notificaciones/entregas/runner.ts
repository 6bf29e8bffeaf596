/**
 * The delivery runner: claims due deliveries from the outbox and sends them, beside the
 * pipeline worker in the same threads (serve's worker threads, `cfdi-async worker`) but
 * with loops of its own, so a slow SMTP server or webhook receiver never takes a pipeline
 * worker's turn. Leases are renewed while a delivery runs; a killed thread's deliveries
 * come back when their lease expires.
 */
import { randomUUID } from 'node:crypto';
import type { Entrega } from '../../storage/notificaciones.ts';
import type { NotificacionesDeps } from '../deps.ts';
import { siguiente, type Resultado } from './politica.ts';
import { enviarCorreo } from '../correo/enviar.ts';
import { enviarWebhook } from '../webhooks/enviar.ts';

export interface RunnerOptions {
  concurrency: number;
  leaseMs: number;
  /** Longest idle wait between polls. */
  idleMs?: number;
  workerId?: string;
}

export interface RunningRunner {
  readonly workerId: string;
  stop(graceMs?: number): Promise<void>;
  readonly done: Promise<void>;
}

const CHANNELS: Record<Entrega['canal'], (d: NotificacionesDeps, e: Entrega) => Promise<Resultado>> = {
  correo: enviarCorreo,
  webhook: enviarWebhook,
};

export function startRunner(d: NotificacionesDeps, o: RunnerOptions): RunningRunner {
  const workerId = o.workerId ?? `e-${randomUUID().slice(0, 8)}`;
  const stopping = new AbortController();
  const inFlight = new Set<number>();
  // Idle loops share one wait (one probe of the database), not one each.
  let idle: Promise<boolean> | undefined;
  const waitForWork = () => (idle ??= d.notificaciones.waitForWork(o.idleMs ?? 1_000, stopping.signal).finally(() => {
    idle = undefined;
  }));

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const claimed = await d.notificaciones.claim(workerId, o.leaseMs, d.settings.perEmpresa);
        if (!claimed) {
          // Claim again only once something may be due: idle, the loops cost one look per wait.
          while (!(await waitForWork()) && !stopping.signal.aborted);
          continue;
        }
        inFlight.add(claimed.entrega.id);
        try {
          await deliver(d, workerId, claimed.entrega, o.leaseMs);
        } finally {
          inFlight.delete(claimed.entrega.id);
        }
      } catch (e) {
        // The database failed (claim or finish): the lease brings the delivery back; pause briefly.
        d.log.error({ err: e }, 'delivery runner: database error');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  const done = Promise.all(Array.from({ length: o.concurrency }, () => loop())).then(() => undefined);
  return {
    workerId,
    done,
    async stop(graceMs = 10_000) {
      stopping.abort();
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([done.then(() => 'done' as const), timer])) === 'timeout') {
        await Promise.all([...inFlight].map((id) => d.notificaciones.release(id, workerId).catch(() => undefined)));
      }
    },
  };
}

/** Sends one delivery and records the attempt; exported for tests and the CLI's synchronous paths. */
export async function deliver(d: NotificacionesDeps, workerId: string, e: Entrega, leaseMs: number): Promise<Resultado> {
  const renew = setInterval(() => {
    d.notificaciones.renew(e.id, workerId, leaseMs).catch((err: unknown) => d.log.warn({ err, entrega: e.publicId }, 'delivery lease renewal failed'));
  }, Math.max(250, Math.floor(leaseMs / 3)));
  const started = performance.now();
  const at = d.clock().toISOString();
  let r: Resultado;
  try {
    r = await CHANNELS[e.canal](d, e);
  } catch (err) {
    // A bug or a database failure while preparing: retried like any transient failure.
    r = { ok: false, retryable: true, detalle: `error interno: ${(err as Error).message}` };
  } finally {
    clearInterval(renew);
  }
  const now = d.clock().getTime();
  const next = siguiente(r, e.intentos, now, e.venceAt, d.settings);
  await d.notificaciones.finish(e.id, workerId, { at, ok: r.ok, detalle: r.detalle, duracionMs: performance.now() - started }, next);
  const log = { entrega: e.publicId, canal: e.canal, intento: e.intentos, estado: next.estado };
  if (r.ok) d.log.info(log, 'delivered');
  // The first failure and the last are worth an operator's attention; retries in between are not.
  else if (e.intentos === 1 || next.estado === 'fallida') d.log.warn({ ...log, detalle: r.detalle }, 'delivery attempt failed');
  else d.log.debug({ ...log, detalle: r.detalle }, 'delivery attempt failed');
  return r;
}
