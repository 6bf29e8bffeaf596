/**
 * Retry policy shared by the queue adapters: the defaults and the backoff formula,
 * so both backends reschedule a failed job at the same moment.
 */
export interface RetryPolicy {
  /** Attempts before a job becomes `dead` (a job row may override it). */
  maxAttempts: number;
  /** Delay before the first retry. */
  backoffBaseMs: number;
  /** Longest delay between two attempts. */
  backoffCapMs: number;
  /**
   * Share of each delay drawn at random (0: exact delays; 0.5: between half of it and all
   * of it), so that jobs failed together by one outage (a PAC down, a failover) do not
   * all come back in the same instant and fail together again.
   */
  jitter?: number;
  /** The random source of the jitter, in [0, 1) (tests fix it). */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 2_000, backoffCapMs: 300_000, jitter: 0.5 };

export function retryPolicy(o: Partial<RetryPolicy>): RetryPolicy {
  const p = {
    maxAttempts: o.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    backoffBaseMs: o.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
    backoffCapMs: o.backoffCapMs ?? DEFAULT_RETRY_POLICY.backoffCapMs,
    jitter: o.jitter ?? DEFAULT_RETRY_POLICY.jitter,
    ...(o.random ? { random: o.random } : {}),
  };
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer: ${p.maxAttempts}`);
  if (!(p.backoffBaseMs >= 0) || !(p.backoffCapMs >= 0)) throw new RangeError('backoff delays must be >= 0');
  if (!(p.jitter! >= 0 && p.jitter! <= 1)) throw new RangeError(`jitter must be from 0 to 1: ${p.jitter}`);
  return p;
}

/** Delay after the `attempts`-th failed attempt: base·2^(attempts−1), capped, less its random share (`jitter`). */
export function backoffMs(p: RetryPolicy, attempts: number): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 52); // 2^52 keeps the product exact and finite
  const d = Math.min(p.backoffBaseMs * 2 ** exp, p.backoffCapMs);
  const j = p.jitter ?? 0;
  return j === 0 ? d : Math.round(d - d * j * (p.random ?? Math.random)());
}

/** What `fail` does with a job that has used `attempts` of `maxAttempts`. */
export function failOutcome(retryable: boolean, attempts: number, maxAttempts: number): 'retrying' | 'dead' {
  return retryable && attempts < maxAttempts ? 'retrying' : 'dead';
}
