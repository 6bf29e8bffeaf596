/**
 * Sending through the empresa's SMTP server with nodemailer (MIME composition, UTF-8
 * headers, attachments, STARTTLS/implicit TLS, authentication) and the classification of
 * its failures as data: which are worth retrying and which are final.
 */
import type { Transporter } from 'nodemailer';
import type { SmtpSettings, TlsMode } from '../../storage/notificaciones.ts';
import type { SecretBox } from '../../shared/secret-box.ts';
import { openSecret } from '../secretos.ts';

export const TLS_MODES: readonly TlsMode[] = ['starttls', 'tls', 'none'];
export const DEFAULT_PORTS: Record<TlsMode, number> = { starttls: 587, tls: 465, none: 25 };

/** What nodemailer reports about a failure (its error carries these fields). */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/**
 * nodemailer error code → retry? Connection, DNS, TLS and protocol trouble pass; so does a
 * refused login or a missing configuration: the operator fixes the settings and the
 * waiting messages go out. A message nodemailer cannot build never will.
 */
export const RETRY_BY_CODE: Readonly<Record<string, boolean>> = {
  ECONNECTION: true,
  ETIMEDOUT: true,
  ESOCKET: true,
  EDNS: true,
  ETLS: true,
  EAUTH: true,
  ENOAUTH: true,
  EPROTOCOL: true,
  ESTREAM: true,
  ECONFIG: true,
  ENOCONFIG: true,
  EMESSAGE: false,
  EENVELOPE: false,
};

/** SMTP reply codes (RFC 5321): 4xx transient, 5xx permanent, except authentication (530, 534, 535), which the operator can fix. */
export function retryableReply(code: number): boolean {
  if (code >= 400 && code < 500) return true;
  return [530, 534, 535].includes(code);
}

export function classifySmtpFailure(f: SmtpFailure): boolean {
  if (f.responseCode !== undefined && f.responseCode >= 400) return retryableReply(f.responseCode);
  return f.code === undefined ? true : (RETRY_BY_CODE[f.code] ?? true);
}

export interface SendResult {
  messageId: string;
  /** The server's last reply, e.g. `250 2.0.0 Ok: queued as 12345`. */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** nodemailer is loaded on first use: worker threads and CLI commands that send nothing start faster. */
let mailer: Promise<typeof import('nodemailer')> | undefined;

export async function createTransport(s: SmtpSettings, secrets: SecretBox, timeoutMs: number): Promise<Transporter> {
  const nodemailer = (await (mailer ??= import('nodemailer'))).default;
  const pass = s.passwordSealed ? openSecret(secrets, { table: 'smtp_empresas', column: 'password_sealed', empresaId: s.empresaId }, s.passwordSealed).toString('utf8') : undefined;
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls === 'tls',
    requireTLS: s.tls === 'starttls',
    ignoreTLS: s.tls === 'none',
    auth: s.user ? { user: s.user, pass: pass ?? '' } : undefined,
    tls: { ...(s.caPem ? { ca: s.caPem } : {}), minVersion: 'TLSv1.2' },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

function addressesOf(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).map((a) => (typeof a === 'string' ? a : (a as { address?: string }).address ?? String(a)));
}

export async function send(transport: Transporter, message: Parameters<Transporter['sendMail']>[0]): Promise<SendResult> {
  try {
    const info = await transport.sendMail(message);
    return { messageId: info.messageId, response: String(info.response ?? ''), accepted: addressesOf(info.accepted), rejected: addressesOf(info.rejected) };
  } finally {
    transport.close();
  }
}
