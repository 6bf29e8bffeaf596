/**
 * The e-mail channel of the outbox: one message per CFDI to the receptor (and the tipo's
 * copies), with the XML and the PDF attached exactly as the download endpoint serves
 * them, through the empresa's SMTP server.
 */
import type { Entrega, SmtpSettings } from '../../storage/notificaciones.ts';
import type { CfdiRecord, Empresa } from '../../storage/store.ts';
import type { NotificacionesDeps } from '../deps.ts';
import type { Resultado } from '../entregas/politica.ts';
import { baseName } from '../../invoicing/download.ts';
import { DEFAULT_BODY, DEFAULT_SUBJECT, oneLine, render, variables } from './plantillas.ts';
import { classifySmtpFailure, createTransport, send, type SmtpFailure } from './smtp.ts';

/** What an e-mail delivery carries (`entregas.datos`). */
export interface DatosCorreo {
  para: string[];
  cc: string[];
  /** Addresses refused before sending (not an address). */
  invalidas: string[];
  /** Display name for `para` (the receptor's). */
  nombre?: string;
  /** Literal subject and message from record 09 / `envio`; templates otherwise. */
  asunto?: string;
  mensaje?: string;
  adjuntar: boolean;
}

export interface ResultadoCorreo {
  messageId?: string;
  aceptados: string[];
  rechazados: string[];
}

export const NO_SMTP = 'la empresa no tiene configuración SMTP (cfdi-async smtp set)';

export async function enviarCorreo(d: NotificacionesDeps, e: Entrega): Promise<Resultado> {
  const datos = e.datos as DatosCorreo;
  const smtp = await d.notificaciones.getSmtp(e.empresaId);
  if (!smtp) return { ok: false, retryable: true, detalle: NO_SMTP };
  const [cfdi, empresa] = await Promise.all([d.store.getCfdi(e.cfdiId!), d.store.getEmpresa(e.empresaId)]);
  if (!cfdi || !empresa) return { ok: false, retryable: false, detalle: `el CFDI ${e.cfdiId} no existe` };
  const message = await componer(d, smtp, empresa, cfdi, datos, e.publicId);
  try {
    const r = await send(await createTransport(smtp, d.secrets, d.settings.smtpTimeoutMs), message);
    const resultado: ResultadoCorreo = { messageId: r.messageId, aceptados: r.accepted, rechazados: [...r.rejected, ...datos.invalidas] };
    return { ok: true, retryable: false, detalle: r.response, respuesta: r.response, resultado };
  } catch (err) {
    const f = err as SmtpFailure;
    const reply = f.response ?? f.message;
    return { ok: false, retryable: classifySmtpFailure(f), detalle: `${f.code ? `${f.code}: ` : ''}${reply}`, respuesta: f.response };
  }
}

/** The message, built with nodemailer's options (it does MIME, encodings and folding). */
export async function componer(d: Pick<NotificacionesDeps, 'store'>, smtp: SmtpSettings, empresa: Empresa, cfdi: CfdiRecord, datos: DatosCorreo, entregaId: string) {
  const vars = variables(cfdi, empresa);
  const subject = oneLine(datos.asunto ?? render(smtp.subjectTemplate ?? DEFAULT_SUBJECT, vars));
  const text = datos.mensaje ?? render(smtp.bodyTemplate ?? DEFAULT_BODY, vars);
  const attachments: Array<{ filename: string; content: Buffer; contentType: string }> = [];
  if (datos.adjuntar) {
    const name = baseName(cfdi);
    const xml = await d.store.getCfdiXml(cfdi.id);
    // Byte for byte what GET …/descargasCfdiAsync serves.
    if (xml !== undefined) attachments.push({ filename: `${name}.xml`, content: Buffer.from(xml, 'utf8'), contentType: 'application/xml' });
    const pdf = await d.store.getCfdiPdf(cfdi.id);
    if (pdf) attachments.push({ filename: `${name}.pdf`, content: pdf, contentType: 'application/pdf' });
  }
  const domain = smtp.fromAddress.split('@')[1] ?? 'cfdi-async';
  return {
    from: { name: smtp.fromName ?? empresa.nombre, address: smtp.fromAddress },
    to: datos.para.map((address) => (datos.nombre ? { name: datos.nombre, address } : address)),
    cc: datos.cc.length ? datos.cc : undefined,
    replyTo: smtp.replyTo,
    subject,
    text,
    attachments,
    // Stable across retries: a server that got the message before a lost answer can tell it is the same one.
    messageId: `<${entregaId}@${domain}>`,
    headers: { 'X-Cfdi-Uuid': cfdi.uuid, 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
