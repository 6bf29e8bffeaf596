/**
 * Files of the service are its operator's alone: the data directory 0700, the
 * database and anything else it stores 0600. Invoices, CSD keys (sealed) and the
 * server secret must not be readable by other local users. Existing files and
 * directories from older releases are tightened (group and other bits removed).
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Creates `dir` (and missing parents) 0700; takes group/other access away from an
 * existing one, unless it is a shared directory (sticky bit, like /tmp).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!(statSync(dir).mode & 0o1000)) restrict(dir);
}

/** Creates `file` empty and 0600 if absent (so that what fills it later inherits nothing wider); tightens it if present. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  restrict(file);
}

/** Removes group and other permissions from a path that exists; a missing path is left alone. */
export function restrict(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return;
  }
  if (!(mode & 0o077)) return;
  try {
    chmodSync(path, mode & 0o700);
  } catch (e) {
    // Another user's file we may still use (a shared mount): its owner decides.
    if ((e as { code?: string }).code !== 'EPERM') throw e;
  }
}
