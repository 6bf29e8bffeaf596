/**
 * Runs the real `cfdi-async` binary as an operator would, on a data directory, and
 * answers its exit code and output whether it succeeded or not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CLI_BIN = new URL('../../bin/cfdi-async.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, CFDI_DATA_DIR: dataDir, CFDI_LOG_LEVEL: 'warn', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}
