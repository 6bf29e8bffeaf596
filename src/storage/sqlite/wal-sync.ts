/**
 * The fsync that makes a commit survive a power loss, taken outside the write lock and off
 * the event loop (issue 17: throughput, and the PUT's latency under load).
 *
 * Every connection commits with synchronous=NORMAL: in WAL mode the commit's frames reach the
 * WAL file (the OS's cache) and become visible, and nothing waits for the disk. A write that
 * must be durable (the accepted request, the sealed XML) then calls `sync()`, which
 * fdatasyncs the WAL file on libuv's thread pool. That flushes every frame written so far,
 * this commit's included, which is what synchronous=FULL does at commit; but FULL does it
 * while holding the database's write lock and, on the API thread, while blocking its event
 * loop. SQLite's recovery replays a WAL's frames up to the last valid commit frame, so once
 * the fdatasync returns the commit is on the disk. A checkpoint that moves those frames into
 * the database file first syncs the WAL and, before the WAL is restarted, the database file
 * (SQLite's rules for NORMAL), so a restarted WAL loses nothing either.
 *
 * Group commit: callers that arrive while an fdatasync runs share the next one.
 *
 * A failed fdatasync (EIO) is sticky, as PostgreSQL's PANIC on a failed fsync: Linux may
 * have dropped the unwritten pages and marked them clean, so no later sync can be trusted.
 * Every durable write of this connection fails from then on, and nothing more reaches a PAC,
 * until the process restarts and reads what the disk really holds.
 */
import { closeSync, fdatasync, fstatSync, openSync, type NoParamCallback } from 'node:fs';

export type Datasync = (fd: number, done: NoParamCallback) => void;

type Waiter = { ticket: number; resolve: () => void; reject: (e: unknown) => void };

export class WalSync {
  private fd?: number;
  private running = false;
  private closing = false;
  /** Commits asked to be synced so far; a sync started now covers every one of them. */
  private requested = 0;
  private waiters: Waiter[] = [];
  private failed?: Error;

  /** `file`: the database file. `datasync`: fs.fdatasync; tests inject a failing one (an EIO cannot be caused here). */
  constructor(private readonly file: string, private readonly datasync: Datasync = fdatasync) {}

  /** Resolves once every commit this connection made before the call is on the disk. */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const ticket = ++this.requested;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ ticket, resolve, reject });
      this.pump();
    });
  }

  /**
   * Closes the file once the syncs already asked for are done: closed under a running
   * fdatasync, its descriptor's number could be reused by another file and synced instead.
   */
  close(): void {
    this.closing = true;
    this.pump();
  }

  private closeFd(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Starts the next sync if one is owed and none runs; with nothing left to do, honours close(). */
  private pump(): void {
    if (this.running) return;
    if (this.waiters.length === 0) {
      if (this.closing) this.closeFd();
      return;
    }
    const upTo = this.requested;
    let fd: number | undefined;
    try {
      fd = this.open();
    } catch (e) {
      return this.fail(e);
    }
    if (fd === undefined) return this.settle(upTo);
    this.running = true;
    this.datasync(fd, (err) => {
      this.running = false;
      if (err) return this.fail(err);
      this.settle(upTo);
    });
  }

  private settle(upTo: number): void {
    const done = this.waiters.filter((w) => w.ticket <= upTo);
    this.waiters = this.waiters.filter((w) => w.ticket > upTo);
    for (const w of done) w.resolve();
    this.pump();
  }

  private fail(e: unknown): void {
    const cause = e instanceof Error ? e : new Error(String(e));
    this.failed = Object.assign(
      new Error(`the database's write-ahead log could not be written to disk (${cause.message}); restart the service once the disk is checked`),
      { code: 'SQLITE_IOERR', cause },
    );
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(this.failed);
    this.pump();
  }

  /**
   * The WAL file, opened once. SQLite deletes it only when the last connection closes,
   * after moving its frames into the database file and syncing that, and a later opener
   * creates a new one: a descriptor whose file has no links left is reopened, and no WAL
   * file means nothing is left to sync (undefined). The database file itself is never
   * opened here: closing any descriptor of it would drop the POSIX locks SQLite holds on it
   * in this process (sqlite.org/howtocorrupt.html, 2.2). SQLite puts no locks on the -wal
   * file, so its descriptor is safe to open and close.
   */
  private open(): number | undefined {
    if (this.fd !== undefined && fstatSync(this.fd).nlink > 0) return this.fd;
    this.closeFd();
    try {
      // r+: Windows flushes only a handle with write access; nothing is written through it.
      this.fd = openSync(`${this.file}-wal`, 'r+');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return this.fd;
  }
}
