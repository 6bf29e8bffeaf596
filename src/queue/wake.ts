/**
 * Idle waiting for the queue adapters: a worker that found nothing to claim sleeps
 * until woken (a notification from this or another thread/process), until a cheap
 * probe finds runnable work (a retry whose backoff ended, a lease that expired, a job
 * inserted by a process that cannot notify us), or until its timeout.
 */
export class WorkSignal {
  private readonly waiters = new Set<() => void>();
  /** A wake-up that arrived while nobody waited: the next wait returns at once. */
  private pending = false;
  private closed = false;

  /** Wakes every current waiter, or the next one when none waits. */
  wake(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    for (const w of [...this.waiters]) w();
  }

  /**
   * Resolves on wake(), when `probe` (run every `pollMs`) says work is runnable, after
   * `timeoutMs`, on abort, or on close(). Probe errors are ignored: the caller's next
   * claim reports a broken database; a tight retry loop here would only add load.
   */
  wait(timeoutMs: number, pollMs: number, probe: () => Promise<boolean> | boolean, signal?: AbortSignal): Promise<void> {
    if (this.pending || this.closed || signal?.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      let polling = false;
      const done = () => {
        clearTimeout(timeout);
        clearInterval(poll);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timeout = setTimeout(done, Math.max(0, timeoutMs));
      const poll = setInterval(async () => {
        if (polling) return;
        polling = true;
        try {
          if (await probe()) done();
        } catch {
          // see above
        } finally {
          polling = false;
        }
      }, Math.max(1, Math.min(pollMs, timeoutMs)));
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  /** Releases every waiter for good (queue closing). */
  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w();
  }
}
