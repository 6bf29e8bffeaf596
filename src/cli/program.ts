/**
 * The `cfdi-async` command line. Every subcommand that prints data takes `--json`
 * (one JSON object or array on stdout). Operator messages are English; SAT findings
 * keep the SAT's Spanish.
 */
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { redactUrl, type Config } from '../config/config.ts';
import type { Runtime } from '../main/runtime.ts';
import type { LayoutVersion } from '../layout/connector.ts';
import type { Sucursal, TipoCfd } from '../storage/store.ts';
import {
  createEmpresa, createSucursal, createTipo, findEmpresa, importCsd,
} from '../invoicing/tenants.ts';
import { ensureDemoTenant } from '../invoicing/demo.ts';
import { legacyFacturaDefaults } from '../layout/xsa/defaults.ts';
import { connectorNames } from '../layout/registry.ts';
import { parseProductosCsv, parseReceptoresCsv } from '../layout/directory-csv.ts';
import { importCatalogs } from '../catalogs/import.ts';
import { catalogCoverage, clientNotices } from '../rules/catalog-coverage.ts';
import { validateCfdiXml } from '../rules/validate-files.ts';
import type { Finding } from '../rules/rule.ts';
import { serialToNoCertificado } from '../sealing/certificate.ts';
import { TEMPLATES } from '../rendering/templates/index.ts';
import { registerNotificaciones } from './notificaciones.ts';
import { registerEmpresaKey } from './empresa-key.ts';
import { registerCancelacion } from './cancelacion.ts';
import { registerPacs } from './pacs.ts';
import { registerSecret } from './secret.ts';
import { registerPagos } from './pagos.ts';

/** How commands reach the outside world; main/ provides the real one, tests their own. */
export interface CliEnvironment {
  loadConfig(): Readonly<Config>;
  openRuntime(config: Readonly<Config>): Promise<Runtime>;
  serve(config: Readonly<Config>, o: { workers: boolean; demo: boolean }): Promise<{ stop(): Promise<void> }>;
  worker(config: Readonly<Config>): Promise<{ stop(): Promise<void> }>;
  stopOnSignals(stop: () => Promise<void>): void;
  out(s: string): void;
  err(s: string): void;
  /** Progress bars only where a person watches. */
  interactive: boolean;
}

export function buildProgram(env: CliEnvironment): Command {
  const program = new Command('cfdi-async')
    .description('Asynchronous CFDI 4.0 generation service')
    .showHelpAfterError()
    .exitOverride();

  const print = (json: boolean, data: unknown, human: () => string) => env.out(json ? JSON.stringify(data, null, 2) : human());

  /** Runs `fn` with an open runtime and always closes it. */
  async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
    const rt = await env.openRuntime(env.loadConfig());
    try {
      return await fn(rt);
    } finally {
      await rt.close();
    }
  }

  program
    .command('serve')
    .description('serve the HTTP API and run the pipeline workers (npm start)')
    .option('--no-workers', 'API only: another process runs `cfdi-async worker`')
    .option('--no-demo', 'do not create or print the demo tenant')
    .action(async (o: { workers: boolean; demo: boolean }) => {
      const s = await env.serve(env.loadConfig(), o);
      env.stopOnSignals(() => s.stop());
    });

  program
    .command('worker')
    .description('run pipeline workers only (no HTTP), e.g. on extra machines sharing PostgreSQL')
    .action(async () => {
      const w = await env.worker(env.loadConfig());
      env.stopOnSignals(() => w.stop());
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const config = env.loadConfig();
      await withRuntime(async () => undefined); // openRuntime migrates
      print(Boolean(o.json), { migrated: true, database: redactUrl(config.databaseUrl) }, () => `migrations applied to ${redactUrl(config.databaseUrl)}`);
    });

  program
    .command('demo')
    .description('create the demo tenant if absent and print its ids')
    .option('--json', 'JSON output')
    .action((o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const { tenant, created } = await ensureDemoTenant(rt.deps);
        print(Boolean(o.json), { ...tenant, created }, () =>
          [`keyEmpresa  ${tenant.keyEmpresa}`, `idTipoCfd   ${tenant.idTipoCfd}`, `idSucursal  ${tenant.idSucursal}`, `rfc         ${tenant.rfc}`].join('\n'));
      }));

  // ── empresas ──────────────────────────────────────────────────────────────
  const empresa = program.command('empresa').description('manage empresas (tenants)');
  empresa
    .command('create')
    .requiredOption('--rfc <rfc>', 'RFC of the emisor')
    .requiredOption('--nombre <nombre>', 'name as registered with the SAT, without the régimen societario')
    .requiredOption('--regimen <clave>', 'c_RegimenFiscal, e.g. 601')
    .option('--json', 'JSON output')
    .action((o: { rfc: string; nombre: string; regimen: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await createEmpresa(rt.deps, { rfc: o.rfc, nombre: o.nombre, regimenFiscal: o.regimen });
        print(Boolean(o.json), empresaJson(e), () => `created empresa ${e.rfc}\nkeyEmpresa ${e.key}`);
      }));
  empresa
    .command('list')
    .option('--json', 'JSON output')
    .action((o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const list = await rt.store.listEmpresas();
        print(Boolean(o.json), list.map(empresaJson), () => table(['keyEmpresa', 'rfc', 'nombre', 'régimen'], list.map((e) => [e.key, e.rfc, e.nombre, e.regimenFiscal])));
      }));
  empresa
    .command('branding')
    .description('set the PDF logo (PNG/JPEG), accent colour and template of an empresa')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--logo <file>', 'PNG or JPEG file; "none" removes it')
    .option('--color <hex>', 'accent colour, e.g. #0a5c8c')
    .option('--template <name>', 'PDF template name')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; logo?: string; color?: string; template?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        let logo: Buffer | null | undefined;
        if (o.logo === 'none') logo = null;
        else if (o.logo) {
          logo = readFileSync(o.logo);
          const png = logo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
          const jpeg = logo[0] === 0xff && logo[1] === 0xd8;
          if (!png && !jpeg) throw new Error(`${o.logo} is neither PNG nor JPEG`);
        }
        checkBranding(o);
        await rt.store.updateEmpresaBranding(e.id, { logo, color: o.color, template: o.template });
        print(Boolean(o.json), { keyEmpresa: e.key, logo: logo === undefined ? 'unchanged' : Boolean(logo), color: o.color, template: o.template },
          () => `branding updated for ${e.rfc}`);
      }));

  // ── CSD ───────────────────────────────────────────────────────────────────
  program
    .command('csd')
    .description('manage CSD certificates')
    .command('import')
    .description('import a CSD (.cer, .key and its password): checks the pair, the RFC and the validity; the key is stored encrypted')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--cer <file>', 'certificate (.cer, DER)')
    .requiredOption('--key <file>', 'private key (.key, encrypted PKCS#8 DER)')
    .addOption(new Option('--password <password>', 'password of the .key (prefer --password-file or CFDI_CSD_PASSWORD)').env('CFDI_CSD_PASSWORD'))
    .option('--password-file <file>', 'file holding the password')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; cer: string; key: string; password?: string; passwordFile?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const password = o.passwordFile ? readFileSync(o.passwordFile, 'utf8').replace(/\r?\n$/, '') : o.password;
        if (password === undefined) throw new Error('give the password with --password-file, --password or CFDI_CSD_PASSWORD');
        const e = await findEmpresa(rt.store, o.empresa);
        const csd = await importCsd(rt.deps, e, { cer: readFileSync(o.cer), key: readFileSync(o.key), password });
        const data = { rfc: csd.rfc, noCertificado: csd.noCertificado, validFrom: csd.validFrom.toISOString(), validTo: csd.validTo.toISOString() };
        print(Boolean(o.json), data, () => `imported CSD ${csd.noCertificado} for ${csd.rfc}, valid ${data.validFrom} – ${data.validTo}`);
      }));

  // ── sucursales ────────────────────────────────────────────────────────────
  const sucursal = program.command('sucursal').description('manage sucursales (places of issue)');
  sucursal
    .command('create')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--nombre <nombre>')
    .requiredOption('--cp <codigoPostal>', 'código postal = LugarExpedicion')
    .option('--domicilio <texto>', 'printed address')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; nombre: string; cp: string; domicilio?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const s = await createSucursal(rt.deps, e, { nombre: o.nombre, codigoPostal: o.cp, domicilio: o.domicilio });
        const data = sucursalJson(rt, s);
        print(Boolean(o.json), data, () => `created sucursal ${s.nombre}\nidSucursal ${data.idSucursal}`);
      }));
  sucursal
    .command('list')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const list = (await rt.store.listSucursales(e.id)).map((s) => sucursalJson(rt, s));
        print(Boolean(o.json), list, () => table(['idSucursal', 'nombre', 'CP'], list.map((s) => [s.idSucursal, s.nombre, s.codigoPostal])));
      }));

  // ── tipos de CFD ──────────────────────────────────────────────────────────
  const tipo = program.command('tipo').description('manage tipos de CFD (document types with their serie, folio, connector and defaults)');
  tipo
    .command('create')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--codigo <codigo>', 'label clients write in record 00, e.g. FAC')
    .requiredOption('--nombre <nombre>')
    .option('--tipo-comprobante <clave>', 'c_TipoDeComprobante: I, E, T, N or P', 'I')
    .option('--serie <serie>')
    .option('--folio <n>', 'next folio', '1')
    .addOption(new Option('--connector <name>', 'connector of archivoFuente').default('xsa'))
    .addOption(new Option('--layout <version>', 'layout version').choices(['auto', '4.0', 'legacy']).default('auto'))
    .option('--defaults <file>', 'JSON file with TipoDefaults (see docs/layouts.md); the legacy factura defaults otherwise')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; codigo: string; nombre: string; tipoComprobante: string; serie?: string; folio: string; connector: string; layout: string; defaults?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (!connectorNames().includes(o.connector)) throw new Error(`unknown connector ${o.connector} (known: ${connectorNames().join(', ')})`);
        const e = await findEmpresa(rt.store, o.empresa);
        const defaults = o.defaults
          ? JSON.parse(readFileSync(o.defaults, 'utf8'))
          : { ...legacyFacturaDefaults, TipoDeComprobante: o.tipoComprobante };
        const t = await createTipo(rt.deps, e, {
          codigo: o.codigo, nombre: o.nombre, serie: o.serie, nextFolio: Number(o.folio),
          connector: o.connector, layoutVersion: o.layout as LayoutVersion, defaults,
        });
        const data = tipoJson(rt, t);
        print(Boolean(o.json), data, () => `created tipo ${t.codigo}\nidTipoCfd ${data.idTipoCfd}`);
      }));
  tipo
    .command('list')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const list = (await rt.store.listTipos(e.id)).map((t) => tipoJson(rt, t));
        print(Boolean(o.json), list, () => table(['idTipoCfd', 'código', 'nombre', 'tipo', 'serie', 'folio', 'conector'], list.map((t) => [t.idTipoCfd, t.codigo, t.nombre, t.tipoDeComprobante, t.serie ?? '', String(t.nextFolio), `${t.connector}/${t.layoutVersion}`])));
      }));

  tipo
    .command('branding')
    .description('set the PDF template and accent colour of a tipo de CFD (overrides the empresa\'s)')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--codigo <codigo>')
    .option('--template <name>', 'PDF template name')
    .option('--color <hex>', 'accent colour, e.g. #0a5c8c')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; codigo: string; template?: string; color?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const t = (await rt.store.listTipos(e.id)).find((x) => x.codigo === o.codigo);
        if (!t) throw new Error(`no tipo ${o.codigo} for ${e.rfc}`);
        checkBranding(o);
        await rt.store.updateTipo(t.id, { template: o.template, color: o.color });
        print(Boolean(o.json), { idTipoCfd: rt.deps.ids.encode('tipo', t.id), template: o.template, color: o.color }, () => `branding updated for tipo ${t.codigo}`);
      }));

  // ── directories ───────────────────────────────────────────────────────────
  for (const kind of ['receptor', 'producto'] as const) {
    const cmd = program.command(kind).description(`manage the empresa's ${kind === 'receptor' ? 'receptores' : 'productos'} directory`);
    cmd
      .command('import <file>')
      .description(`import a CSV (see docs/layouts.md); existing ${kind === 'receptor' ? 'claves' : 'códigos'} are updated`)
      .requiredOption('--empresa <keyOrRfc>')
      .option('--json', 'JSON output')
      .action((file: string, o: { empresa: string; json?: boolean }) =>
        withRuntime(async (rt) => {
          const e = await findEmpresa(rt.store, o.empresa);
          const parsed = kind === 'receptor' ? parseReceptoresCsv(readFileSync(file, 'utf8')) : parseProductosCsv(readFileSync(file, 'utf8'));
          if (parsed.errors.length) {
            for (const x of parsed.errors) env.err(x);
            throw new Error(`${parsed.errors.length} errors in ${basename(file)}; nothing imported`);
          }
          const bar = progress(env, parsed.rows.length, kind);
          let done = 0;
          for (let i = 0; i < parsed.rows.length; i += 1_000) {
            const batch = parsed.rows.slice(i, i + 1_000);
            done += kind === 'receptor'
              ? await rt.store.upsertReceptores(e.id, batch as never)
              : await rt.store.upsertProductos(e.id, batch as never);
            bar?.update(Math.min(i + batch.length, parsed.rows.length));
          }
          bar?.stop();
          print(Boolean(o.json), { imported: done }, () => `imported ${done} ${kind === 'receptor' ? 'receptores' : 'productos'}`);
        }));
    cmd
      .command('list')
      .requiredOption('--empresa <keyOrRfc>')
      .option('--limit <n>', 'rows', '100')
      .option('--offset <n>', 'rows to skip', '0')
      .option('--json', 'JSON output')
      .action((o: { empresa: string; limit: string; offset: string; json?: boolean }) =>
        withRuntime(async (rt) => {
          const e = await findEmpresa(rt.store, o.empresa);
          if (kind === 'receptor') {
            const list = await rt.store.listReceptores(e.id, Number(o.limit), Number(o.offset));
            print(Boolean(o.json), list, () => table(['clave', 'rfc', 'nombre', 'régimen', 'CP', 'uso'], list.map((r) => [r.clave, r.rfc, r.nombre ?? '', r.regimenFiscal ?? '', r.domicilioFiscal ?? '', r.usoCfdi ?? ''])));
          } else {
            const list = await rt.store.listProductos(e.id, Number(o.limit), Number(o.offset));
            print(Boolean(o.json), list, () => table(['código', 'ClaveProdServ', 'ClaveUnidad', 'ObjetoImp', 'descripción'], list.map((p) => [p.codigo, p.claveProdServ ?? '', p.claveUnidad ?? '', p.objetoImp ?? '', p.descripcion ?? ''])));
          }
        }));
  }

  // ── SAT catalogs ──────────────────────────────────────────────────────────
  const catalogs = program.command('catalogs').description('large SAT catalogs in the database');
  catalogs
    .command('import <path>')
    .description('import the large catalogs (c_ClaveProdServ, c_ClaveUnidad, c_CodigoPostal, c_Colonia, c_Aduana, c_PatenteAduanal, c_NumPedimentoAduana) from the SAT workbook catCFDI_V_4_*.xls (or .xlsx), or from a directory of CSV / CSV.gz files')
    .option('--json', 'JSON output')
    .action((dir: string, o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        let bar: SingleBar | undefined;
        let current = '';
        const result = await importCatalogs(dir, rt.store, (catalog, done, total) => {
          if (catalog !== current) {
            bar?.stop();
            current = catalog;
            if (!o.json) env.err(catalog);
            bar = progress(env, total ?? 0, catalog);
          }
          if (bar && total !== undefined) bar.setTotal(total);
          bar?.update(done);
        });
        bar?.stop();
        print(Boolean(o.json), result, () => table(['catalog', 'rows'], result.map((r) => [r.catalog, String(r.rows)])));
      }));
  catalogs
    .command('status')
    .description('which large catalogs are loaded (rows, source file and version, when), and which SAT rules that leaves unchecked')
    .option('--json', 'JSON output')
    .action((o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const st = await rt.store.catalogStatus();
        const cov = catalogCoverage(st).map((c) => ({ ...c, importedAt: st.find((s) => s.catalog === c.catalog)?.importedAt }));
        print(Boolean(o.json), cov, () => [
          table(['catalog', 'state', 'rows', 'imported', 'source'], cov.map((c) => [c.catalog, c.state, String(c.rows), c.importedAt ?? '', c.source ?? ''])),
          ...cov.filter((c) => c.note).map((c) => `  ${c.note}`),
        ].join('\n'));
      }));

  // ── validation of CFDI files ──────────────────────────────────────────────
  program
    .command('validate <files...>')
    .description('check CFDI 4.0 XML files (ours or anyone\'s) against every SAT rule, the Sello and the TFD seal')
    .option('--sat-cert <files...>', 'SAT stamping certificates (.cer) to verify SelloSAT; the test PAC\'s is always known')
    .option('--json', 'one JSON object per file, one per line')
    .action((files: string[], o: { satCert?: string[]; json?: boolean }) =>
      withRuntime(async (rt) => {
        const satCertificates = new Map<string, string>();
        for (const pem of [rt.testPacCertificatePem, ...(o.satCert ?? []).map((f) => readFileSync(f).toString('base64'))]) {
          const x = new X509Certificate(pem.includes('BEGIN') ? pem : Buffer.from(pem, 'base64'));
          const no = serialToNoCertificado(x.serialNumber);
          if (no) satCertificates.set(no, pem);
        }
        let failed = 0;
        for (const file of files) {
          let r: { findings: Finding[]; errors: string[] };
          try {
            r = await validateCfdiXml(readFileSync(file, 'utf8'), { catalogs: rt.store, satCertificates });
          } catch (e) {
            r = { findings: [], errors: [`${(e as Error).message}`] };
          }
          if (r.errors.length) failed++;
          const shown = r.findings.filter((f) => f.status === 'error' || f.status === 'warning' || f.status === 'notChecked');
          const notices = clientNotices(r.findings);
          if (o.json) {
            env.out(JSON.stringify({ file, valid: r.errors.length === 0, errors: r.errors, findings: shown, advertencias: notices }));
            continue;
          }
          env.out(`${r.errors.length ? '✗' : '✓'} ${file}`);
          for (const f of shown.filter((x) => x.status !== 'notChecked')) {
            const where = f.node ? ` [${f.node}${f.attribute ? `@${f.attribute}` : ''}${f.value !== undefined ? ` = "${f.value}"` : ''}]` : '';
            env.out(`  ${f.status === 'error' ? 'error' : 'warning'} ${f.code}: ${f.message}${where}`);
          }
          if (!r.findings.length && r.errors.length) env.out(`  ${r.errors.join(', ')}`);
          // Why each rule could not be checked (a catalog not imported, a register not available…).
          for (const n of notices.filter((x) => !x.startsWith('Advertencia '))) env.out(`  ${n}`);
        }
        if (failed) process.exitCode = 1;
      }));

  // ── test PAC ──────────────────────────────────────────────────────────────
  program
    .command('test-pac')
    .description('the offline test stamper')
    .command('certificate')
    .description('print the test PAC certificate (PEM) to verify SelloSAT of test stamps')
    .option('--json', 'JSON output')
    .action((o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        print(Boolean(o.json), { certificatePem: rt.testPacCertificatePem }, () => rt.testPacCertificatePem.trimEnd());
      }));

  registerNotificaciones(program, { env, withRuntime, print, table });
  registerEmpresaKey(empresa, { withRuntime, print });
  registerCancelacion(program, { env, withRuntime, print, table });
  registerPacs(program, { env, withRuntime, print, table });
  registerSecret(program, { env, withRuntime, print });
  registerPagos(program, { env, withRuntime, print, table });
  return program;
}

function checkBranding(o: { color?: string; template?: string }): void {
  if (o.color && !/^#[0-9a-fA-F]{6}$/.test(o.color)) throw new Error('--color must look like #0a5c8c');
  const templates = Object.keys(TEMPLATES);
  if (o.template && !templates.includes(o.template)) throw new Error(`unknown template ${o.template} (known: ${templates.join(', ')})`);
}

function sucursalJson(rt: Runtime, s: Sucursal) {
  return { idSucursal: rt.deps.ids.encode('sucursal', s.id), nombre: s.nombre, codigoPostal: s.codigoPostal, domicilio: s.domicilio };
}

function tipoJson(rt: Runtime, t: TipoCfd) {
  return {
    idTipoCfd: rt.deps.ids.encode('tipo', t.id), codigo: t.codigo, nombre: t.nombre, tipoDeComprobante: t.defaults.TipoDeComprobante,
    serie: t.serie, nextFolio: t.nextFolio, connector: t.connector, layoutVersion: t.layoutVersion, template: t.template, color: t.color,
  };
}

function empresaJson(e: { key: string; rfc: string; nombre: string; regimenFiscal: string; createdAt: string }) {
  return { keyEmpresa: e.key, rfc: e.rfc, nombre: e.nombre, regimenFiscal: e.regimenFiscal, createdAt: e.createdAt };
}

function progress(env: CliEnvironment, total: number, label: string): SingleBar | undefined {
  if (!env.interactive) return undefined;
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`, noTTYOutput: true, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
