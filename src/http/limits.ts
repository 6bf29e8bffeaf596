/**
 * What one client may ask of one API process: a token bucket per keyEmpresa (so one
 * runaway ERP cannot starve the others) and a bound on bulk ZIP downloads streaming at
 * once (each holds up to 8 MB of buffers plus its database reads; two unbounded ones
 * reached ~1 GB). Both answer with Retry-After. The counts live in this process: with
 * N API processes behind a balancer, a key gets up to N times the rate.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LimitsConfig } from '../config/config.ts';
import { RetryLaterError } from './error-answer.ts';

/** Buckets kept at most; the least recently used is forgotten (it refills anyway). */
const MAX_KEYS = 10_000;
/** A bulk download of a full page takes seconds: ask the client to come back after a few. */
const BULK_RETRY_AFTER_SECONDS = 5;

/** Token buckets by key: `burst` tokens, refilled at `perSecond`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    /** Milliseconds, monotonic. */
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** Takes a token: 0 when there was one, else the whole seconds until there is. */
  take(key: string): number {
    const t = this.now();
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-inserted below: Map order is recency
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
      b.at = t;
    } else {
      b = { tokens: this.burst, at: t };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** At most `max` holders at once. */
export class Slots {
  private active = 0;
  constructor(readonly max: number) {}

  /** The release function, or undefined when every slot is taken. Releasing twice is harmless. */
  tryTake(): (() => void) | undefined {
    if (this.active >= this.max) return undefined;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}

export interface Limits {
  /** Takes a bulk-download slot until the response closes (sent, failed or abandoned), or throws 503. */
  bulkSlot(reply: FastifyReply): void;
}

/** Registers the per-keyEmpresa limit on every route with a `:keyEmpresa` parameter. */
export function registerLimits(app: FastifyInstance, c: LimitsConfig | undefined): Limits {
  if (c && c.perSecond > 0) {
    const buckets = new TokenBuckets(c.perSecond, c.burst);
    app.addHook('onRequest', async (req) => {
      const key = (req.params as { keyEmpresa?: unknown } | undefined)?.keyEmpresa;
      if (typeof key !== 'string') return;
      const wait = buckets.take(key);
      if (wait > 0) {
        throw new RetryLaterError('API_LIMITE_PETICIONES', `Demasiadas peticiones para esta keyEmpresa (máximo ${c.perSecond} por segundo); reintente en ${wait} s`, wait);
      }
    });
  }
  const slots = c ? new Slots(c.bulkDownloads) : undefined;
  return {
    bulkSlot(reply) {
      if (!slots) return;
      const release = slots.tryTake();
      if (!release) {
        throw new RetryLaterError('API_DESCARGAS_OCUPADO', `Hay ${slots.max} descargas masivas en curso; reintente en ${BULK_RETRY_AFTER_SECONDS} s`, BULK_RETRY_AFTER_SECONDS);
      }
      reply.raw.once('close', release);
    },
  };
}
