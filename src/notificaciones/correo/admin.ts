/**
 * E-mail administration for the CLI: an empresa's SMTP settings (the password sealed at
 * rest, never shown), a connection test, a tipo's copy recipients, and re-sending a CFDI.
 */
import type { Empresa } from '../../storage/store.ts';
import type { Entrega, SmtpSettings, TlsMode } from '../../storage/notificaciones.ts';
import type { NotificacionesDeps } from '../deps.ts';
import { sealSecret } from '../secretos.ts';
import { isAddress, partition } from './direcciones.ts';
import { checkTemplate, oneLine } from './plantillas.ts';
import { createTransport, DEFAULT_PORTS, send, TLS_MODES } from './smtp.ts';
import { correoEntrega } from '../eventos.ts';
import type { DatosCorreo } from './enviar.ts';

/** A change of settings: undefined keeps a value, null clears an optional one. */
export interface SmtpInput {
  host?: string;
  port?: number;
  tls?: string;
  user?: string | null;
  password?: string | null;
  fromAddress?: string;
  fromName?: string | null;
  replyTo?: string | null;
  subjectTemplate?: string | null;
  bodyTemplate?: string | null;
  caPem?: string | null;
}

export async function setSmtp(d: NotificacionesDeps, empresa: Empresa, i: SmtpInput): Promise<SmtpSettings> {
  const old = await d.notificaciones.getSmtp(empresa.id);
  const pick = <T>(v: T | null | undefined, prev: T | undefined): T | undefined => (v === null ? undefined : v ?? prev);
  const host = i.host ?? old?.host;
  const fromAddress = i.fromAddress ?? old?.fromAddress;
  if (!host) throw new Error('--host is required the first time');
  if (!fromAddress) throw new Error('--from is required the first time');
  if (!/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/.test(host)) throw new Error(`"${host}" is not a host name or address`);
  if (!isAddress(fromAddress)) throw new Error(`"${fromAddress}" is not an e-mail address`);
  const tls = (i.tls ?? old?.tls ?? 'starttls') as TlsMode;
  if (!TLS_MODES.includes(tls)) throw new Error(`--tls must be one of ${TLS_MODES.join(', ')}`);
  const port = i.port ?? (i.tls !== undefined && i.tls !== old?.tls ? DEFAULT_PORTS[tls] : old?.port) ?? DEFAULT_PORTS[tls];
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error('--port must be an integer from 1 to 65535');
  const replyTo = pick(i.replyTo, old?.replyTo);
  if (replyTo !== undefined && !isAddress(replyTo)) throw new Error(`"${replyTo}" is not an e-mail address`);
  const fromName = pick(i.fromName, old?.fromName);
  const subjectTemplate = pick(i.subjectTemplate, old?.subjectTemplate);
  const bodyTemplate = pick(i.bodyTemplate, old?.bodyTemplate);
  if (subjectTemplate !== undefined) checkTemplate(subjectTemplate, 'subject template');
  if (bodyTemplate !== undefined) checkTemplate(bodyTemplate, 'body template');
  const caPem = pick(i.caPem, old?.caPem);
  if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('the CA file is not a PEM certificate');
  const user = pick(i.user, old?.user);
  const passwordSealed = i.password === null ? undefined
    : i.password !== undefined ? sealSecret(d.secrets, { table: 'smtp_empresas', column: 'password_sealed', empresaId: empresa.id }, Buffer.from(i.password, 'utf8'))
      : old?.passwordSealed;
  const s: SmtpSettings = {
    empresaId: empresa.id, host, port, tls, fromAddress, updatedAt: d.clock().toISOString(),
    ...(user !== undefined ? { user } : {}),
    ...(passwordSealed !== undefined ? { passwordSealed } : {}),
    ...(fromName !== undefined ? { fromName: oneLine(fromName) } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(subjectTemplate !== undefined ? { subjectTemplate } : {}),
    ...(bodyTemplate !== undefined ? { bodyTemplate } : {}),
    ...(caPem !== undefined ? { caPem } : {}),
  };
  await d.notificaciones.saveSmtp(s);
  return s;
}

/** The settings as shown to operators: the password only as "set". */
export function smtpView(s: SmtpSettings) {
  return {
    host: s.host, port: s.port, tls: s.tls, user: s.user ?? null, password: s.passwordSealed ? '(set)' : null,
    from: s.fromAddress, fromName: s.fromName ?? null, replyTo: s.replyTo ?? null,
    subjectTemplate: s.subjectTemplate ?? null, bodyTemplate: s.bodyTemplate ?? null, ca: s.caPem ? '(set)' : null, updatedAt: s.updatedAt,
  };
}

/** Connects and logs in (`verify`), or sends a short test message to `to`. */
export async function testSmtp(d: NotificacionesDeps, empresa: Empresa, to?: string): Promise<string> {
  const s = await d.notificaciones.getSmtp(empresa.id);
  if (!s) throw new Error(`${empresa.rfc} has no SMTP settings (cfdi-async smtp set)`);
  const transport = await createTransport(s, d.secrets, d.settings.smtpTimeoutMs);
  if (!to) {
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
    return `connected to ${s.host}:${s.port} (${s.tls})${s.user ? ` and logged in as ${s.user}` : ''}`;
  }
  if (!isAddress(to)) throw new Error(`"${to}" is not an e-mail address`);
  const r = await send(transport, {
    from: { name: s.fromName ?? empresa.nombre, address: s.fromAddress },
    to,
    replyTo: s.replyTo,
    subject: `Prueba de correo de cfdi-async para ${empresa.nombre}`,
    text: `Este es un mensaje de prueba de la configuración SMTP de ${empresa.nombre} (${empresa.rfc}).`,
  });
  return r.response;
}

export async function setCopias(d: NotificacionesDeps, empresa: Empresa, tipoCodigo: string, direcciones: string[]): Promise<string[]> {
  const tipo = (await d.store.listTipos(empresa.id)).find((t) => t.codigo === tipoCodigo);
  if (!tipo) throw new Error(`no tipo ${tipoCodigo} for ${empresa.rfc}`);
  const { valid, invalid } = partition(direcciones);
  if (invalid.length) throw new Error(`not e-mail addresses: ${invalid.join(', ')}`);
  await d.notificaciones.setCopias(tipo.id, valid);
  return valid;
}

/**
 * Queues the CFDI's e-mail again: to `para` when given, else to the recipients of its
 * latest e-mail, else (it never had one) to the receptor's directory e-mail.
 */
export async function reenviarCorreo(d: NotificacionesDeps, cfdiId: number, para?: string[]): Promise<Entrega> {
  const cfdi = await d.store.getCfdi(cfdiId);
  if (!cfdi) throw new Error(`CFDI ${cfdiId} not found`);
  const empresa = (await d.store.getEmpresa(cfdi.empresaId))!;
  const last = (await d.notificaciones.listEntregas({ cfdiId, canal: 'correo', limit: 1 }))[0];
  const prev = last?.datos as DatosCorreo | undefined;
  const envio = {
    direcciones: para ?? prev?.para ?? [],
    adjuntar: prev?.adjuntar ?? true,
    ...(prev?.asunto !== undefined ? { asunto: prev.asunto } : {}),
    ...(prev?.mensaje !== undefined ? { mensaje: prev.mensaje } : {}),
  };
  const nueva = await correoEntrega(d, empresa, cfdi, envio, para ? [] : prev?.cc ?? [], last?.id);
  if (nueva.fallida) throw new Error(nueva.fallida);
  return d.notificaciones.crearEntrega(nueva);
}
