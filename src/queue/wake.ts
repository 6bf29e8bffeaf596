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
   * Wakes the waiter that has waited longest, or the next one when none waits: for a
   * notification that stands for one job (PostgreSQL's NOTIFY of one accepted request),
   * so that one idle loop claims it instead of every loop racing for it.
   */
  wakeOne(): void {
    const first = this.waiters.values().next();
    if (first.done) this.pending = true;
    else first.value();
  }

  /**
   * Resolves on wake() or wakeOne(), when `probe` (run every `pollMs`) says work is runnable, after
   * `timeoutMs`, on abort, or on close(): false when the timeout ended it (nothing said
   * there is work), true otherwise. Probe errors are ignored: the caller's next claim
   * reports a broken database; a tight retry loop here would only add load.
   */
  wait(timeoutMs: number, pollMs: number, probe: () => Promise<boolean> | boolean, signal?: AbortSignal): Promise<boolean> {
    if (this.pending || this.closed || signal?.aborted) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      let polling = false;
      const finish = (woken: boolean) => {
        clearTimeout(timeout);
        clearInterval(poll);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve(woken);
      };
      const done = () => finish(true);
      const timeout = setTimeout(() => finish(false), Math.max(0, timeoutMs));
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

/**
 * Waiters for the end of particular peticiones (the synchronous PUT, issue 14). An
 * announcement only makes the waiter look again (`ended` reads the database), so a
 * lost, late or duplicated message is harmless; the rare `pollMs` look covers what no
 * message reaches (another process on SQLite, a LISTEN connection being reopened).
 */
export class EndSignals {
  private readonly waiters = new Map<number, Set<EndWaiter>>();
  private closed = false;

  /** Makes the waiters of this peticion look again. */
  wake(peticionId: number): void {
    for (const w of [...(this.waiters.get(peticionId) ?? [])]) w.look();
  }

  /** Makes every waiter look again (after a reconnection that may have missed messages). */
  wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w.look();
  }

  /** Peticiones being waited for in this process. */
  get size(): number {
    return this.waiters.size;
  }

  /**
   * Resolves true as soon as `ended()` says so (looked at once at the start, on every
   * wake and every `pollMs`), false after `timeoutMs` or on abort/close. The waiter is
   * registered before the first look, so an end announced in between is not missed.
   */
  wait(peticionId: number, timeoutMs: number, pollMs: number, ended: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let looking = false;
      let again = false;
      let settled = false;
      const set = this.waiters.get(peticionId) ?? new Set<EndWaiter>();
      this.waiters.set(peticionId, set);
      const finish = (v: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        clearInterval(poll);
        signal?.removeEventListener('abort', stop);
        set.delete(w);
        if (set.size === 0 && this.waiters.get(peticionId) === set) this.waiters.delete(peticionId);
        resolve(v);
      };
      const stop = () => finish(false);
      // One look at a time; a wake during a look is remembered and looked at right after.
      const look = (): void => {
        if (settled) return;
        if (looking) {
          again = true;
          return;
        }
        looking = true;
        ended()
          .then((yes) => yes && finish(true), () => undefined)
          .finally(() => {
            looking = false;
            if (again && !settled) {
              again = false;
              look();
            }
          });
      };
      const w: EndWaiter = { look, stop };
      const timeout = setTimeout(stop, Math.max(0, timeoutMs));
      const poll = setInterval(look, Math.max(1, pollMs));
      signal?.addEventListener('abort', stop, { once: true });
      set.add(w);
      look();
    });
  }

  /** Releases every waiter for good (queue closing): they resolve false. */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w.stop();
  }
}

interface EndWaiter {
  look(): void;
  stop(): void;
}
