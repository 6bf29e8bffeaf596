/**
 * `cfdi-async secret rotate`: moves every sealed value (CSD keys and passwords, SMTP
 * passwords, webhook secrets, the test PAC's key) to a new server secret
 * (storage/keyring.ts). Registered by `program.ts`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliHelpers } from './notificaciones.ts';
import { generateSecretFile, replaceSecretFile, rotate } from '../storage/keyring.ts';

export function registerSecret(program: Command, h: Pick<CliHelpers, 'env' | 'withRuntime' | 'print'>): void {
  const secret = program.command('secret').description('the server secret that seals CSD keys and passwords at rest (docs/secretos.md)');
  secret
    .command('rotate')
    .description('re-encrypt every sealed value with a new secret; then restart every process with it')
    .option('--new-secret-file <file>', 'the new secret (read if it exists, else generated into it); default <data dir>/secret.next')
    .option('--json', 'JSON output')
    .action((o: { newSecretFile?: string; json?: boolean }) =>
      h.withRuntime(async (rt) => {
        const fromEnv = Boolean(rt.config.secret);
        const file = o.newSecretFile ?? join(rt.config.dataDir, 'secret.next');
        // Written before anything is resealed: an interrupted rotation is finished by running it again.
        const next = existsSync(file) ? Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8') : generateSecretFile(file);
        if (next.length < 32) throw new Error(`${file}: a secret needs at least 32 characters`);
        const r = await rotate(rt.keys, next, rt.store, rt.sealed);
        if (!fromEnv) {
          replaceSecretFile(join(rt.config.dataDir, 'secret'), next);
          if (!o.newSecretFile) rmSync(file, { force: true });
        }
        const restart = fromEnv
          ? `Set CFDI_SECRET to the content of ${file} in every process's environment, restart them all, then delete the file.`
          : `The new secret is in ${join(rt.config.dataDir, 'secret')}. Restart every process (running ones hold the old secret).`;
        h.print(Boolean(o.json), { version: r.version, resealed: r.resealed, newSecretFile: fromEnv ? file : join(rt.config.dataDir, 'secret') },
          () => `rotated to key version ${r.version}: ${r.resealed} sealed values re-encrypted.\n${restart}`);
      }));
}
