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
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 2_000, backoffCapMs: 300_000 };

export function retryPolicy(o: Partial<RetryPolicy>): RetryPolicy {
  const p = {
    maxAttempts: o.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    backoffBaseMs: o.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
    backoffCapMs: o.backoffCapMs ?? DEFAULT_RETRY_POLICY.backoffCapMs,
  };
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer: ${p.maxAttempts}`);
  if (!(p.backoffBaseMs >= 0) || !(p.backoffCapMs >= 0)) throw new RangeError('backoff delays must be >= 0');
  return p;
}

/** Delay after the `attempts`-th failed attempt: base·2^(attempts−1), capped. */
export function backoffMs(p: RetryPolicy, attempts: number): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 52); // 2^52 keeps the product exact and finite
  return Math.min(p.backoffBaseMs * 2 ** exp, p.backoffCapMs);
}

/** What `fail` does with a job that has used `attempts` of `maxAttempts`. */
export function failOutcome(retryable: boolean, attempts: number, maxAttempts: number): 'retrying' | 'dead' {
  return retryable && attempts < maxAttempts ? 'retrying' : 'dead';
}
