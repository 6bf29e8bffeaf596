/**
 * Locating the SAT reference files (../shared, or CFDI_SHARED_DIR) and running the
 * SAT's own tools on them. Conformance tests skip, saying why, when either is missing.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const execFileAsync = promisify(execFile);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(): string {
  return process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
}

export function satDir(): string {
  return join(sharedDir(), 'sat');
}

/** Why the conformance tests cannot run here, or undefined when they can. */
export function skipReason(tools: string[] = ['xmllint', 'xsltproc', 'openssl']): string | undefined {
  const sat = satDir();
  if (!existsSync(join(sat, 'xsd', 'cfdi40-tfd-pagos.xsd'))) return `${sharedDir()}/sat not found: set CFDI_SHARED_DIR to run the SAT conformance tests`;
  for (const t of tools) {
    const r = spawnSync(t, t === 'openssl' ? ['version'] : ['--version'], { stdio: 'ignore' });
    if (r.error) return `${t} not installed (apt-get install libxml2-utils xsltproc openssl)`;
  }
  return undefined;
}

/** Runs xmllint once on many files; returns the files that did not validate, with the messages. */
export function xmllintSchema(files: string[]): { failed: string[]; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', join(satDir(), 'xsd', 'cfdi40-tfd-pagos.xsd'), ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const failed = files.filter((f) => !new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} validates$`, 'm').test(r.stderr));
  return { failed, output: r.stderr };
}

/** xsltproc with the SAT cadena stylesheet: exact bytes. */
export async function xsltCadena(file: string): Promise<string> {
  const { stdout } = await execFileAsync('xsltproc', [join(satDir(), 'xslt', 'cadenaoriginal_4_0.xslt'), file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** TFD cadena via the SAT stylesheet (extract_tfd.xslt first, as the README says). */
export async function xsltTfdCadena(file: string): Promise<string> {
  const sat = satDir();
  const { stdout: tfd } = await execFileAsync('xsltproc', [join(sat, 'xslt', 'extract_tfd.xslt'), file], { encoding: 'utf8' });
  return new Promise((res, rej) => {
    const p = execFile('xsltproc', [join(sat, 'xslt', 'cadenaoriginal_TFD_1_1.xslt'), '-'], { encoding: 'utf8' }, (err, out) => (err ? rej(err) : res(out)));
    p.stdin?.end(tfd);
  });
}

/** Runs tasks with bounded concurrency. */
export async function pool<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
