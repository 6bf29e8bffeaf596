/**
 * `cfdi-async empresa rotate-key`: a new keyEmpresa for an empresa whose key leaked or
 * whose staff changed. Registered by `program.ts` under `empresa`.
 */
import type { Command } from 'commander';
import { findEmpresa, rotateKeyEmpresa } from '../invoicing/tenants.ts';
import type { CliHelpers } from './notificaciones.ts';

export function registerEmpresaKey(empresa: Command, h: Pick<CliHelpers, 'withRuntime' | 'print'>): void {
  empresa
    .command('rotate-key')
    .description('issue a new keyEmpresa; the old one is refused (401) from the next request on. Give the new key to the ERP.')
    .requiredOption('--empresa <keyOrRfc>', 'the RFC is safer to type than the key being replaced')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; json?: boolean }) =>
      h.withRuntime(async (rt) => {
        const e = await rotateKeyEmpresa(rt.store, await findEmpresa(rt.store, o.empresa));
        rt.log.info({ empresa: e.rfc }, 'keyEmpresa rotated');
        h.print(Boolean(o.json), { rfc: e.rfc, keyEmpresa: e.key }, () =>
          `new keyEmpresa for ${e.rfc}\nkeyEmpresa ${e.key}\nThe previous key is no longer accepted.`);
      }));
}
