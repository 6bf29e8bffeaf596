/**
 * `cfdi-async smtp`, `cfdi-async correos` and `cfdi-async webhook`: e-mail and webhook
 * settings, the record of deliveries, re-sending. Registered by `program.ts`.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CliEnvironment } from './program.ts';
import type { Runtime } from '../main/runtime.ts';
import { findEmpresa } from '../invoicing/tenants.ts';
import { reenviarCorreo, setCopias, setSmtp, smtpView, testSmtp, type SmtpInput } from '../notificaciones/correo/admin.ts';
import { resumen } from '../notificaciones/correo/consultas.ts';
import { splitAddresses } from '../notificaciones/correo/direcciones.ts';
import {
  addWebhook, entregaView, listWebhookEntregas, redeliver, removeWebhook, testWebhook, webhookView,
} from '../notificaciones/webhooks/admin.ts';

export interface CliHelpers {
  env: CliEnvironment;
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
  print(json: boolean, data: unknown, human: () => string): void;
  table(head: string[], rows: string[][]): string;
}

export function registerNotificaciones(program: Command, h: CliHelpers): void {
  const { withRuntime, print, table } = h;

  // ── smtp ──────────────────────────────────────────────────────────────────
  const smtp = program.command('smtp').description("an empresa's SMTP server for e-mailing CFDIs to receptores (docs/correo.md)");
  smtp
    .command('set')
    .description('create or change the settings; options not given keep their value')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--host <host>')
    .option('--port <n>', 'default: 587 starttls, 465 tls, 25 none')
    .addOption(new Option('--tls <mode>', 'starttls (required), tls (implicit, port 465) or none').choices(['starttls', 'tls', 'none']))
    .option('--user <user>')
    .addOption(new Option('--password <password>', 'prefer --password-file or CFDI_SMTP_PASSWORD').env('CFDI_SMTP_PASSWORD'))
    .option('--password-file <file>', 'file holding the password (stored encrypted)')
    .option('--no-auth', 'remove the user and password')
    .option('--from <address>', 'sender address')
    .option('--from-name <name>', "sender name (default: the empresa's nombre)")
    .option('--reply-to <address>')
    .option('--subject-template <text>', 'e.g. "Factura {{serieFolio}} de {{emisor}}"')
    .option('--body-template-file <file>', 'UTF-8 text with {{placeholders}}')
    .option('--ca-file <file>', 'PEM CA certificate(s) to trust for this server')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; host?: string; port?: string; tls?: string; user?: string; password?: string; passwordFile?: string; auth: boolean;
      from?: string; fromName?: string; replyTo?: string; subjectTemplate?: string; bodyTemplateFile?: string; caFile?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const password = o.passwordFile ? readFileSync(o.passwordFile, 'utf8').replace(/\r?\n$/, '') : o.password;
        const input: SmtpInput = {
          host: o.host, port: o.port === undefined ? undefined : Number(o.port), tls: o.tls,
          user: o.auth ? o.user : null, password: o.auth ? password : null,
          fromAddress: o.from, fromName: o.fromName, replyTo: o.replyTo, subjectTemplate: o.subjectTemplate,
          bodyTemplate: o.bodyTemplateFile ? readFileSync(o.bodyTemplateFile, 'utf8') : undefined,
          caPem: o.caFile ? readFileSync(o.caFile, 'utf8') : undefined,
        };
        const s = await setSmtp(rt.notificaciones, e, input);
        print(Boolean(o.json), smtpView(s), () => `SMTP settings saved for ${e.rfc}: ${s.host}:${s.port} (${s.tls}), from ${s.fromAddress}`);
      }));
  smtp
    .command('show')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const s = await rt.notificaciones.notificaciones.getSmtp(e.id);
        if (!s) throw new Error(`${e.rfc} has no SMTP settings (cfdi-async smtp set)`);
        const v = smtpView(s);
        print(Boolean(o.json), v, () => Object.entries(v).map(([k, x]) => `${k.padEnd(16)}${x ?? ''}`).join('\n'));
      }));
  smtp
    .command('test')
    .description('connect and log in; with --to, also send a test message')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--to <address>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; to?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const answer = await testSmtp(rt.notificaciones, e, o.to);
        print(Boolean(o.json), { ok: true, respuesta: answer }, () => answer);
      }));
  smtp
    .command('remove')
    .requiredOption('--empresa <keyOrRfc>')
    .action((o: { empresa: string }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        if (!(await rt.notificaciones.notificaciones.deleteSmtp(e.id))) throw new Error(`${e.rfc} has no SMTP settings`);
        h.env.out(`SMTP settings removed for ${e.rfc}`);
      }));

  // ── correos ───────────────────────────────────────────────────────────────
  const correos = program.command('correos').description("the e-mails of a CFDI: `correos --uuid …`, `correos reenviar`, a tipo's copies");
  const cfdiOf = async (rt: Runtime, uuid: string, empresa?: string) => {
    const found = await rt.notificaciones.notificaciones.cfdiIdByUuid(uuid);
    if (empresa && found && found.empresaId !== (await findEmpresa(rt.store, empresa)).id) return undefined;
    if (!found) throw new Error(`no CFDI with UUID ${uuid}${empresa ? ` for ${empresa}` : ''}`);
    return found;
  };
  correos
    .command('list', { isDefault: true })
    .description('the e-mails of a CFDI with every attempt and the SMTP answers')
    .requiredOption('--uuid <uuid>')
    .option('--empresa <keyOrRfc>')
    .option('--json', 'JSON output')
    .action((o: { uuid: string; empresa?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const c = await cfdiOf(rt, o.uuid, o.empresa);
        if (!c) throw new Error(`no CFDI with UUID ${o.uuid} for ${o.empresa}`);
        const n = rt.notificaciones.notificaciones;
        const list = (await n.listEntregas({ cfdiId: c.cfdiId, canal: 'correo', limit: 100 })).reverse();
        const data = await Promise.all(list.map(async (e) => ({ ...resumen(e), registro: await n.listIntentos(e.id) })));
        print(Boolean(o.json), data, () => data.length === 0 ? `no e-mail for ${o.uuid}` : data.map((m) => [
          `${m.id}  ${m.estado}  to ${[...m.para, ...m.cc].join(', ')}  (${m.intentos} attempt${m.intentos === 1 ? '' : 's'})`,
          ...m.registro.map((i) => `  ${i.at}  ${i.ok ? 'ok  ' : 'fail'}  ${i.detalle}`),
          ...(m.rechazados.length ? [`  rejected: ${m.rechazados.join(', ')}`] : []),
        ].join('\n')).join('\n'));
      }));
  correos
    .command('reenviar')
    .description("queue the CFDI's e-mail again (to --para, else to the recipients of its last e-mail)")
    .requiredOption('--uuid <uuid>')
    .option('--empresa <keyOrRfc>')
    .option('--para <addresses>', '";"-separated addresses')
    .option('--json', 'JSON output')
    .action((o: { uuid: string; empresa?: string; para?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const c = await cfdiOf(rt, o.uuid, o.empresa);
        if (!c) throw new Error(`no CFDI with UUID ${o.uuid} for ${o.empresa}`);
        const e = await reenviarCorreo(rt.notificaciones, c.cfdiId, o.para === undefined ? undefined : splitAddresses(o.para));
        const r = resumen(e);
        print(Boolean(o.json), r, () => `queued e-mail ${r.id} to ${[...r.para, ...r.cc].join(', ')}`);
      }));
  correos
    .command('copias')
    .description('recipients copied (Cc) on every e-mail of a tipo de CFD')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--tipo <codigo>', 'tipo de CFD code, e.g. FAC')
    .option('--set <addresses>', '";"-separated addresses; empty to clear')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; tipo: string; set?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        let list: string[];
        if (o.set !== undefined) list = await setCopias(rt.notificaciones, e, o.tipo, splitAddresses(o.set));
        else {
          const t = (await rt.store.listTipos(e.id)).find((x) => x.codigo === o.tipo);
          if (!t) throw new Error(`no tipo ${o.tipo} for ${e.rfc}`);
          list = await rt.notificaciones.notificaciones.getCopias(t.id);
        }
        print(Boolean(o.json), { tipo: o.tipo, copias: list }, () => (list.length ? list.join('\n') : `no copies for tipo ${o.tipo}`));
      }));

  // ── webhooks ──────────────────────────────────────────────────────────────
  const webhook = program.command('webhook').description("an empresa's signed webhooks (docs/webhooks.md)");
  webhook
    .command('add')
    .description('register an endpoint; its signing secret is printed once')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--url <url>', 'https:// endpoint')
    .option('--eventos <list>', 'comma-separated event types, or * (default)', '*')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; url: string; eventos: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const { webhook: w, secret } = await addWebhook(rt.notificaciones, e, o.url, o.eventos);
        print(Boolean(o.json), { ...webhookView(w), secret }, () => [
          `webhook ${w.publicId} → ${w.url} (${w.eventos.join(', ')})`,
          `secret ${secret}`,
          'Keep the secret now: it is not shown again. Verify each call with it (docs/webhooks.md).',
        ].join('\n'));
      }));
  webhook
    .command('list')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--all', 'include removed ones')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; all?: boolean; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const list = (await rt.notificaciones.notificaciones.listWebhooks(e.id, Boolean(o.all))).map(webhookView);
        print(Boolean(o.json), list, () => table(['id', 'url', 'eventos', 'created', 'removed'],
          list.map((w) => [w.id, w.url, w.eventos.join(','), w.createdAt, w.removedAt ?? ''])));
      }));
  webhook
    .command('remove')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--id <id>')
    .action((o: { empresa: string; id: string }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        await removeWebhook(rt.notificaciones, e, o.id);
        h.env.out(`webhook ${o.id} removed; its pending deliveries are cancelled`);
      }));
  webhook
    .command('test')
    .description('send a signed "ping" event now and show the answer')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--id <id>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; id: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const r = await testWebhook(rt.notificaciones, e, o.id);
        print(Boolean(o.json), r, () => `${r.ok ? 'ok' : 'failed'}: ${r.detalle} (${r.ms} ms)`);
        if (!r.ok) process.exitCode = 1;
      }));
  webhook
    .command('entregas')
    .description('the record of webhook deliveries, newest first, with every attempt')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--evento <id>')
    .option('--webhook <id>')
    .option('--limit <n>', 'deliveries', '20')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; evento?: string; webhook?: string; limit: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const list = await listWebhookEntregas(rt.notificaciones, e, { evento: o.evento, webhook: o.webhook, limit: Number(o.limit) });
        const data = await Promise.all(list.map((x) => entregaView(rt.notificaciones, x)));
        print(Boolean(o.json), data, () => data.map((x) => [
          `${x.id}  ${x.tipoEvento} ${x.evento}  ${x.estado}  ${x.destino}  (${x.intentos} attempt${x.intentos === 1 ? '' : 's'})`,
          ...x.registro.map((i) => `  ${i.at}  ${i.ok ? 'ok  ' : 'fail'}  ${i.detalle}`),
        ].join('\n')).join('\n') || 'no deliveries');
      }));
  webhook
    .command('reenviar')
    .description('deliver again, with the same event id and body: one delivery, or an event to every endpoint it went to')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--entrega <id>')
    .option('--evento <id>')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; entrega?: string; evento?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const out = await redeliver(rt.notificaciones, e, o);
        print(Boolean(o.json), out.map((x) => ({ id: x.publicId, destino: x.destino })), () => out.map((x) => `queued ${x.publicId} → ${x.destino}`).join('\n'));
      }));
}
