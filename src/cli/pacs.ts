/**
 * `cfdi-async pac set|show` (the PAC of each empresa) and `cfdi-async sat estado` (the
 * SAT status of a CFDI). Registered by `program.ts`. Secrets are read from files and
 * never printed.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CliHelpers } from './notificaciones.ts';
import { findEmpresa } from '../invoicing/tenants.ts';
import { setPac, showPac, type PacView } from '../invoicing/pacs.ts';
import { checkUuid, estadoSat } from '../invoicing/estado-sat.ts';
import { PROVEEDORES } from '../stamping/pacs.ts';

/** A secret file's content without its final line end. */
function secretFile(f: string | undefined): string | undefined {
  return f === undefined ? undefined : readFileSync(f, 'utf8').replace(/\r?\n$/, '');
}

function human(v: PacView): string {
  return Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${k.padEnd(12)}${String(x)}`).join('\n');
}

export function registerPacs(program: Command, h: CliHelpers): void {
  const { withRuntime, print } = h;
  const pac = program.command('pac').description('the PAC that stamps an empresa\'s CFDIs (docs/pacs.md)');
  pac
    .command('set')
    .description('choose the PAC; options not given keep their value while the proveedor stays the same')
    .requiredOption('--empresa <keyOrRfc>')
    .addOption(new Option('--proveedor <p>', 'prueba (offline test PAC), sw or finkok').choices([...PROVEEDORES]).makeOptionMandatory())
    .addOption(new Option('--ambiente <a>', 'default pruebas').choices(['pruebas', 'produccion']))
    .option('--url <url>', "base URL (default: the PAC's official host for the ambiente)")
    .option('--url-api <url>', 'SW only: the "api" host (storage)')
    .option('--usuario <u>')
    .option('--password-file <f>', 'file holding the password (stored encrypted)')
    .option('--token-file <f>', 'SW only: file holding an account token (stored encrypted)')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; proveedor: string; ambiente?: string; url?: string; urlApi?: string; usuario?: string;
      passwordFile?: string; tokenFile?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const v = await setPac({ pacs: rt.pacs, secrets: rt.deps.secrets, clock: rt.deps.clock }, e, {
          proveedor: o.proveedor, ambiente: o.ambiente, url: o.url, urlApi: o.urlApi, usuario: o.usuario,
          password: secretFile(o.passwordFile), token: secretFile(o.tokenFile),
        });
        print(Boolean(o.json), v, () => `PAC saved for ${e.rfc}\n${human(v)}`);
      }));
  pac
    .command('show')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const v = await showPac({ pacs: rt.pacs }, await findEmpresa(rt.store, o.empresa));
        print(Boolean(o.json), v, () => human(v));
      }));

  const sat = program.command('sat').description("the SAT's public services");
  sat
    .command('estado')
    .description("a stamped CFDI's status at the SAT (ConsultaCFDIService; CFDI_SAT_ESTADO_URL)")
    .requiredOption('--uuid <uuid>')
    .option('--empresa <keyOrRfc>', 'default: the empresa that has the CFDI')
    .option('--json', 'JSON output')
    .action((o: { uuid: string; empresa?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const uuid = checkUuid(o.uuid);
        let empresa = o.empresa ? await findEmpresa(rt.store, o.empresa) : undefined;
        if (!empresa) {
          for (const e of await rt.store.listEmpresas()) {
            if (await rt.store.getCfdiByUuid(e.id, uuid)) {
              empresa = e;
              break;
            }
          }
        }
        if (!empresa) throw new Error(`no stored CFDI has UUID ${uuid}`);
        const r = await estadoSat(rt.deps, empresa, uuid);
        print(Boolean(o.json), r, () => Object.entries(r).map(([k, x]) => `${k.padEnd(20)}${x}`).join('\n'));
      }));
}
