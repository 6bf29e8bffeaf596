/**
 * What happens after an attempt: delivered; retried after an exponential backoff (the
 * queue's formula) while the delivery's window lasts; or failed for good.
 */
import { backoffMs } from '../../queue/policy.ts';
import type { Siguiente } from '../../storage/notificaciones.ts';

/** The outcome of one attempt, from a channel. */
export interface Resultado {
  ok: boolean;
  /** A failure that may pass (server down, timeout, non-2xx): retry within the window. */
  retryable: boolean;
  /** For the attempts record: SMTP reply, HTTP status and body prefix, or the error. */
  detalle: string;
  respuesta?: string;
  resultado?: unknown;
}

export interface Backoff {
  backoffBaseMs: number;
  backoffCapMs: number;
}

/** Attempts after which a delivery whose worker keeps dying is given up, whatever its window. */
export const MAX_INTENTOS = 500;

export function siguiente(r: Resultado, intentos: number, now: number, venceAt: number, b: Backoff): Siguiente {
  if (r.ok) return { estado: 'entregada', respuesta: r.respuesta, resultado: r.resultado };
  const enMs = backoffMs({ maxAttempts: Number.MAX_SAFE_INTEGER, ...b }, intentos);
  if (r.retryable && now + enMs <= venceAt && intentos < MAX_INTENTOS) return { estado: 'pendiente', enMs, error: r.detalle, respuesta: r.respuesta };
  return { estado: 'fallida', error: r.retryable ? `${r.detalle} (reintentos agotados)` : r.detalle, respuesta: r.respuesta, resultado: r.resultado };
}
