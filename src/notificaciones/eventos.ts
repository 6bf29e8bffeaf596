/**
 * The notifier (`invoicing/notifier.ts`): turns "a peticion ended" and "a CFDI's
 * cancellation state changed" into one recorded event and its deliveries (a webhook call
 * per subscribed endpoint; the e-mail of record 09 / `envio`), all written in one
 * transaction, once per event key. Nothing is sent here: the runner does that.
 */
import { randomUUID } from 'node:crypto';
import type { CambioCancelacion, Notifier, PeticionTerminada } from '../invoicing/notifier.ts';
import type { CfdiAlmacenado } from '../invoicing/query.ts';
import { advertencias, almacenado } from '../invoicing/query.ts';
import type { EnvioCorreo } from '../cfdi/printed.ts';
import type { CfdiRecord, Empresa } from '../storage/store.ts';
import type { NewEntrega, NewEvento, Suscripciones, Webhook } from '../storage/notificaciones.ts';
import type { NotificacionesDeps } from './deps.ts';
import type { DatosCorreo } from './correo/enviar.ts';
import { partition, splitAddresses } from './correo/direcciones.ts';
import { correosDeCfdi } from './correo/consultas.ts';

export const TIPOS_EVENTO = ['peticion.almacenada', 'peticion.error', 'cfdi.cancelacion'] as const;
export type TipoEvento = (typeof TIPOS_EVENTO)[number];

export function subscribed(w: Pick<Webhook, 'eventos'>, tipo: string): boolean {
  return w.eventos.includes('*') || w.eventos.includes(tipo);
}

export function createNotifier(d: NotificacionesDeps): Notifier {
  return {
    peticionTerminada: (id, ended) => peticionTerminada(d, id, ended),
    cancelacionCambiada: (c) => cancelacionCambiada(d, c),
    camposConsulta: (body, tieneCorreos) => camposConsulta(d, body, tieneCorreos),
  };
}

function newEvento(d: NotificacionesDeps, clave: string, tipo: TipoEvento, empresaId: number, fields: Record<string, unknown>,
  refs: { peticionId?: number; cfdiId?: number }): NewEvento {
  const publicId = randomUUID();
  const createdAt = d.clock().toISOString();
  // The body receivers get, stored once so that every attempt sends the same bytes.
  const payload = JSON.stringify({ idEvento: publicId, tipoEvento: tipo, fechaEvento: createdAt, ...fields });
  return { publicId, clave, empresaId, tipo, payload, createdAt, ...refs };
}

function webhookEntrega(d: NotificacionesDeps, w: Webhook, cfdiId?: number): NewEntrega {
  return {
    publicId: randomUUID(), canal: 'webhook', empresaId: w.empresaId, webhookId: w.id, cfdiId, destino: w.url, datos: {},
    ventanaMs: d.settings.ventanaMs, createdAt: d.clock().toISOString(),
  };
}

/** Who a peticion notifies, from what is known of it; undefined when it is not ended or nobody is. */
function destinos(p: PeticionTerminada, s: Suscripciones) {
  if (p.stage !== 'done' && p.stage !== 'error') return undefined;
  const tipo: TipoEvento = p.stage === 'done' ? 'peticion.almacenada' : 'peticion.error';
  const hooks = s.webhooks.filter((w) => subscribed(w, tipo));
  const envio = p.stage === 'done' ? p.printed?.envio : undefined;
  const correo = p.stage === 'done' && (envio !== undefined || s.copias.length > 0);
  return hooks.length === 0 && !correo ? undefined : { tipo, hooks, envio, correo };
}

export async function peticionTerminada(d: NotificacionesDeps, peticionId: number, ended?: PeticionTerminada): Promise<void> {
  const stored = ended ? undefined : await d.store.getPeticion(peticionId);
  const known = ended ?? stored;
  if (!known || (known.stage !== 'done' && known.stage !== 'error')) return;
  // Most peticiones notify nobody: nobody was subscribed when they were accepted, and their
  // document asks for no e-mail (record 09). Then nothing is read (but the peticion, when
  // the caller did not hand it over) and nothing written.
  if (known.suscripciones === false && !(known.stage === 'done' && known.printed?.envio)) return;
  const s = await d.notificaciones.suscripciones(known.empresaId, known.tipoId);
  if (!destinos(known, s)) return;
  const clave = `peticion:${peticionId}`;
  if (await d.notificaciones.eventoExiste(clave)) return;
  // What is sent comes from the stored row (its errors, advertencias and CFDI).
  const p = stored ?? (await d.store.getPeticion(peticionId));
  const x = p && destinos(p, s);
  if (!p || !x) return;
  const empresa = await d.store.getEmpresa(p.empresaId);
  if (!empresa) throw new Error(`peticion ${p.id}: empresa ${p.empresaId} not found`);
  const idPeticion = d.ids.encode('peticion', p.id);
  let cfdi: CfdiRecord | undefined;
  let fields: Record<string, unknown>;
  if (p.stage === 'done') {
    cfdi = await d.store.getCfdi(p.cfdiId!);
    if (!cfdi) throw new Error(`peticion ${p.id} is done but CFDI ${p.cfdiId} is missing`);
    fields = { idPeticion, ...almacenado(d, empresa, cfdi), ...advertencias(p) };
  } else {
    fields = { idPeticion, errors: p.errors ?? [], ...advertencias(p) };
  }
  const entregas = x.hooks.map((w) => webhookEntrega(d, w, cfdi?.id));
  if (x.correo && cfdi) entregas.push(await correoEntrega(d, empresa, cfdi, x.envio, s.copias));
  await d.notificaciones.publicar(newEvento(d, clave, x.tipo, p.empresaId, fields, { peticionId: p.id, cfdiId: cfdi?.id }), entregas);
}

export async function cancelacionCambiada(d: NotificacionesDeps, c: CambioCancelacion): Promise<void> {
  const cfdi = await d.store.getCfdi(c.cfdiId);
  if (!cfdi) throw new Error(`CFDI ${c.cfdiId} not found`);
  const clave = c.clave ?? `cancelacion:${c.cfdiId}:${c.estado}:${c.estatusCancelacion ?? ''}`;
  const { webhooks } = await d.notificaciones.suscripciones(cfdi.empresaId, cfdi.tipoId);
  const hooks = webhooks.filter((w) => subscribed(w, 'cfdi.cancelacion'));
  if (hooks.length === 0 || (await d.notificaciones.eventoExiste(clave))) return;
  const empresa = await d.store.getEmpresa(cfdi.empresaId);
  if (!empresa) throw new Error(`CFDI ${c.cfdiId}: empresa ${cfdi.empresaId} not found`);
  const cancelacion = Object.fromEntries(Object.entries({
    estado: c.estado, estatusCancelacion: c.estatusCancelacion, motivo: c.motivo, folioSustitucion: c.folioSustitucion, fecha: c.fecha,
  }).filter(([, v]) => v !== undefined));
  const fields = { ...almacenado(d, empresa, cfdi), cancelacion };
  await d.notificaciones.publicar(newEvento(d, clave, 'cfdi.cancelacion', cfdi.empresaId, fields, { cfdiId: cfdi.id }),
    hooks.map((w) => webhookEntrega(d, w, cfdi.id)));
}

/**
 * Who gets the e-mail: the record's addresses; when it has none, the directory e-mail of
 * the receptor it names (field 1), else of the CFDI's receptor; the tipo's copies in Cc.
 * Without record 09, a tipo with copies e-mails them alone.
 */
export async function destinatarios(d: Pick<NotificacionesDeps, 'store'>, empresaId: number, cfdi: CfdiRecord, envio: EnvioCorreo | undefined, copias: string[]) {
  let para = envio?.direcciones ?? [];
  if (envio && para.length === 0) {
    const dir = (envio.receptor ? await d.store.findReceptor(empresaId, envio.receptor) : undefined)
      ?? (await d.store.findReceptor(empresaId, cfdi.rfcReceptor));
    para = splitAddresses(dir?.email);
  }
  const to = partition(envio ? para : copias);
  const cc = partition(envio ? copias : []);
  const valid = new Set(to.valid.map((a) => a.toLowerCase()));
  return { para: to.valid, cc: cc.valid.filter((a) => !valid.has(a.toLowerCase())), invalidas: [...to.invalid, ...cc.invalid] };
}

export async function correoEntrega(d: NotificacionesDeps, empresa: Empresa, cfdi: CfdiRecord, envio: EnvioCorreo | undefined, copias: string[],
  reenvioDe?: number): Promise<NewEntrega> {
  const r = await destinatarios(d, empresa.id, cfdi, envio, copias);
  if (r.para.length === 0 && r.cc.length > 0) {
    r.para = r.cc;
    r.cc = [];
  }
  const datos: DatosCorreo = {
    ...r, nombre: cfdi.nombreReceptor, adjuntar: envio?.adjuntar ?? true,
    ...(envio?.asunto !== undefined ? { asunto: envio.asunto } : {}),
    ...(envio?.mensaje !== undefined ? { mensaje: envio.mensaje } : {}),
  };
  let fallida: string | undefined;
  if (r.para.length === 0) {
    fallida = r.invalidas.length
      ? `ninguna dirección válida: ${r.invalidas.join(', ')}`
      : 'sin destinatarios: el documento no trae direcciones y el receptor no tiene correo en el directorio';
  }
  return {
    publicId: randomUUID(), canal: 'correo', empresaId: empresa.id, cfdiId: cfdi.id, destino: [...r.para, ...r.cc].join(';'), datos,
    ventanaMs: d.settings.ventanaMs, createdAt: d.clock().toISOString(), reenvioDe, fallida,
  };
}

async function camposConsulta(d: NotificacionesDeps, body: CfdiAlmacenado, tieneCorreos?: boolean): Promise<Record<string, unknown>> {
  const cfdiId = d.ids.decode('cfdi', body.idCfd);
  if (cfdiId === undefined || tieneCorreos === false) return {};
  const correos = await correosDeCfdi(d, cfdiId);
  return correos.length ? { correos } : {};
}
