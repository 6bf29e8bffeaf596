/**
 * POST /{keyEmpresa}/cfdis/cancelar: one answer per UUID, in the order received.
 *
 * Per UUID: our rules first (rules/cancelacion/), then the signed request is stored
 * (`solicitando`) BEFORE the PAC is called, then the PAC's answer is recorded with the
 * CFDI's visible state in one transaction. Hence:
 * - a repeated call finds the live request and answers what was recorded (no second
 *   request); only after the request ended without effect (receptor rejected, SAT refused)
 *   does a new call ask again;
 * - a PAC that does not answer in time leaves the request in `solicitando`: the answer is
 *   CAN_EN_CURSO and the same signed bytes are sent again (by a repeated call or the
 *   background job, seguimiento.ts); a duplicate reaching the SAT is answered 202, never
 *   cancelled twice;
 * - everything is looked up within the empresa of the keyEmpresa: a foreign UUID is
 *   "unknown" (CAN_UUID_DESCONOCIDO), never touched.
 */
import type { CfdiRecord, Empresa } from '../storage/store.ts';
import type { CancelacionRecord, CambioSolicitud } from '../storage/cancelaciones.ts';
import type { CfdiCancelable, RevisionCancelacion, Sustituto } from '../rules/cancelacion/types.ts';
import { revisarCancelacion } from '../rules/cancelacion/index.ts';
import { requiereAceptacion } from '../rules/cancelacion/aceptacion.ts';
import { AppError, type ErrorCode } from '../shared/errors.ts';
import { localFecha } from '../cfdi/fecha.ts';
import { openCsd } from '../invoicing/tenants.ts';
import { checkCsdFor, type Csd } from '../sealing/csd.ts';
import { PacError, type RespuestaPac } from '../stamping/cancelador.ts';
import { firmarCancelacion } from './solicitud.ts';
import { backoffMs } from '../queue/policy.ts';
import { relacionesDe } from './relacionados.ts';
import { pdfCancelado } from './pdf.ts';
import { pacDe, type CancelacionDeps } from './deps.ts';

export interface RespuestaUuid {
  uuid: string;
  /** The SAT's code (201, 202, 205 …) or one of ours (CAN_…). */
  status: string;
  mensaje: string;
}

export interface PeticionCancelacion {
  motivo: string;
  folioSustitucion: string;
  uuid: string[];
}

export const MAX_UUIDS = 500;
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const MX = 'America/Mexico_City';

/** Validates the body's shape (400 CAN_CUERPO_INVALIDO); values are judged per UUID. */
export function leerPeticion(body: unknown): PeticionCancelacion {
  const bad = (m: string) => new AppError('CAN_CUERPO_INVALIDO', m);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('El cuerpo debe ser un objeto JSON {"motivo", "folioSustitucion", "uuid": [...]}');
  const b = body as Record<string, unknown>;
  if (typeof b.motivo !== 'string') throw bad('motivo debe ser una cadena (01, 02, 03 o 04)');
  if (b.folioSustitucion !== undefined && b.folioSustitucion !== null && typeof b.folioSustitucion !== 'string') throw bad('folioSustitucion debe ser una cadena');
  if (!Array.isArray(b.uuid) || b.uuid.length === 0) throw bad('uuid debe ser un arreglo con al menos un UUID');
  if (b.uuid.length > MAX_UUIDS) throw bad(`uuid admite a lo más ${MAX_UUIDS} UUID por llamada`);
  if (!b.uuid.every((u) => typeof u === 'string')) throw bad('cada elemento de uuid debe ser una cadena');
  return { motivo: b.motivo, folioSustitucion: ((b.folioSustitucion as string | null | undefined) ?? '').trim().toUpperCase(), uuid: b.uuid as string[] };
}

export async function cancelarCfdis(d: CancelacionDeps, keyEmpresa: string, body: unknown): Promise<RespuestaUuid[]> {
  const empresa = await d.store.getEmpresaByKey(keyEmpresa);
  if (!empresa) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
  const p = leerPeticion(body);
  const out: RespuestaUuid[] = [];
  const seen = new Map<string, RespuestaUuid>();
  // Decrypting the CSD costs about as much as signing: once per call, and only if a request is signed.
  let csd: Promise<Csd | undefined> | undefined;
  const csdOnce = () => (csd ??= d.store.getCsd(empresa.id).then((s) => s && openCsd(d.secrets, s)));
  for (const raw of p.uuid) {
    const uuid = raw.trim().toUpperCase();
    // The same UUID twice in one call is one request with one answer.
    const r = seen.get(uuid) ?? (await cancelarUno(d, empresa, uuid, p, csdOnce));
    seen.set(uuid, r);
    out.push({ ...r, uuid: raw });
  }
  return out;
}

const ours = (uuid: string, code: ErrorCode, mensaje: string): RespuestaUuid => ({ uuid, status: code, mensaje });

export function cancelable(c: CfdiRecord): CfdiCancelable {
  return {
    uuid: c.uuid, rfcEmisor: c.rfcEmisor, rfcReceptor: c.rfcReceptor, tipoDeComprobante: c.tipoDeComprobante,
    total: c.total, moneda: c.moneda, tipoCambio: c.tipoCambio, fechaTimbrado: c.fechaTimbrado,
  };
}

async function cancelarUno(
  d: CancelacionDeps, empresa: Empresa, uuid: string, p: PeticionCancelacion, csdOnce: () => Promise<Csd | undefined>,
): Promise<RespuestaUuid> {
  if (!UUID.test(uuid)) return ours(uuid, 'CAN_UUID_DESCONOCIDO', 'No es un UUID (folio fiscal)');
  const cfdi = await d.store.getCfdiByUuid(empresa.id, uuid);
  if (!cfdi || cfdi.empresaId !== empresa.id) return ours(uuid, 'CAN_UUID_DESCONOCIDO', `El UUID ${uuid} no es un CFDI de esta empresa`);

  // The test PAC's simulated SAT never "cancels" a CFDI the real SAT knows.
  if (cfdi.produccion && (await pacDe(d, empresa.id)).simulado) {
    return ours(uuid, 'CAN_PAC_SIN_CANCELACION',
      `El CFDI ${uuid} se timbró en producción y la empresa usa ahora el PAC de pruebas: configure su PAC (cfdi-async pac set) o cancélelo en el portal del SAT`);
  }

  const previa = await d.cancelaciones.ultima(cfdi.id);
  if (previa && previa.estado !== 'rechazado') return repetida(d, previa);

  const now = d.clock();
  const revision: RevisionCancelacion = {
    cfdi: cancelable(cfdi),
    motivo: p.motivo,
    folioSustitucion: p.folioSustitucion,
    sustituto: p.motivo === '01' && UUID.test(p.folioSustitucion) ? await sustituto(d, empresa, p.folioSustitucion) : undefined,
    relacionadosVivos: await d.relacionados.vivos(empresa.id, cfdi.id, uuid),
    ahora: localFecha(now, MX),
  };
  const hallazgo = revisarCancelacion(revision);
  if (hallazgo) return ours(uuid, hallazgo.code as ErrorCode, hallazgo.message);

  const csd = await csdOnce();
  if (!csd) return ours(uuid, 'CAN_SIN_CSD', 'La empresa no tiene CSD para firmar la solicitud');
  try {
    checkCsdFor(csd, { rfc: cfdi.rfcEmisor, fecha: now });
  } catch (e) {
    return ours(uuid, 'CAN_SIN_CSD', `El CSD de la empresa no sirve para firmar hoy: ${(e as Error).message}`);
  }
  const folio = { uuid, motivo: p.motivo, ...(p.motivo === '01' ? { folioSustitucion: p.folioSustitucion } : {}) };
  const solicitud = firmarCancelacion({ rfcEmisor: cfdi.rfcEmisor, fecha: localFecha(now, MX), folios: [folio] }, csd);
  const { record, creada } = await d.cancelaciones.crear({
    empresaId: empresa.id, cfdiId: cfdi.id, uuid, motivo: p.motivo, folioSustitucion: folio.folioSustitucion, solicitud,
    requiereAceptacion: requiereAceptacion(revision.cfdi, revision.ahora).requiere,
    now: now.toISOString(), nextCheckAt: now.getTime() + d.settings.pacTimeoutMs * 2,
  });
  // Another caller recorded one first: answer what it got.
  if (!creada) return repetida(d, record);
  return enviar(d, record);
}

async function sustituto(d: CancelacionDeps, empresa: Empresa, uuid: string): Promise<Sustituto | undefined> {
  const s = await d.store.getCfdiByUuid(empresa.id, uuid);
  if (!s || s.empresaId !== empresa.id) return undefined;
  const xml = await d.store.getCfdiXml(s.id);
  return {
    uuid: s.uuid, rfcEmisor: s.rfcEmisor,
    vigente: s.estadoCancelacion === undefined || s.estadoCancelacion === 'CANCELACION_RECHAZADA',
    relacionados: xml ? relacionesDe(xml) : [],
  };
}

/** A live request found again: its recorded answer, or the retry of an unanswered one. */
async function repetida(d: CancelacionDeps, r: CancelacionRecord): Promise<RespuestaUuid> {
  if (r.estado === 'solicitando') return enviar(d, r);
  return { uuid: r.uuid, status: r.codigo ?? 'CAN_EN_CURSO', mensaje: r.mensaje ?? '' };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PacError('TIMEOUT', `el PAC no respondió en ${ms} ms`, true)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const CANCELADO_SAT = /^(Cancelado|Plazo vencido)/i;

/**
 * Sends the stored request (same bytes every time) and records the outcome. Used by the
 * call itself, by a repeated call, and by the background job.
 */
export async function enviar(d: CancelacionDeps, r: CancelacionRecord): Promise<RespuestaUuid> {
  const cfdi = (await d.store.getCfdi(r.cfdiId))!;
  const now = d.clock();
  let a: RespuestaPac;
  try {
    const { cancelador } = await pacDe(d, r.empresaId);
    a = await withTimeout(cancelador.cancelar({ rfcEmisor: cfdi.rfcEmisor, uuid: r.uuid, motivo: r.motivo, folioSustitucion: r.folioSustitucion, xmlFirmado: r.solicitud }),
      d.settings.pacTimeoutMs);
  } catch (e) {
    const pe = e instanceof PacError ? e : undefined;
    if (pe && !pe.retryable) {
      await registrar(d, r, { estado: 'rechazado', codigo: 'CAN_PAC_RECHAZO', mensaje: `${pe.code}: ${pe.message}`, estadoCfdi: null, nextCheckAt: now.getTime(), now: now.toISOString() });
      return ours(r.uuid, 'CAN_PAC_RECHAZO', `El PAC rechazó la solicitud: ${pe.code} ${pe.message}`);
    }
    const msg = pe ? `${pe.code}: ${pe.message}` : (e as Error).message;
    d.log.warn({ cancelacion: r.id, err: msg }, 'cancellation request not answered; retried in the background');
    // Resent with the queue's backoff (a few seconds, doubling up to the follow-up interval), until the PAC answers.
    const wait = backoffMs({ maxAttempts: 1, backoffBaseMs: Math.min(d.settings.revisionMs, 5_000), backoffCapMs: d.settings.revisionMs }, r.intentos + 1);
    await d.cancelaciones.registrar(r.id, {
      estado: 'solicitando', estadoCfdi: 'CANCELACION_EN_PROCESO', ultimoError: msg, nextCheckAt: now.getTime() + wait, now: now.toISOString(),
    });
    return ours(r.uuid, 'CAN_EN_CURSO', 'El PAC no respondió a tiempo; la misma solicitud se reenvía automáticamente. Consulte de nuevo más tarde.');
  }
  const aceptada = a.codigo === '201' || a.codigo === '202';
  let cambio: Omit<CambioSolicitud, 'now' | 'nextCheckAt'>;
  if (aceptada && a.estatusCancelacion && CANCELADO_SAT.test(a.estatusCancelacion)) {
    cambio = { estado: 'cancelado', estadoCfdi: 'CANCELADO', fechaCancelacion: localFecha(now, MX) };
  } else if (aceptada) {
    // Waiting for the receptor (or for the SAT to say): the background job asks the status service.
    cambio = { estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO' };
  } else {
    cambio = { estado: 'rechazado', estadoCfdi: null };
  }
  const mensaje = aceptada && !a.estatusCancelacion?.match(CANCELADO_SAT) && r.requiereAceptacion
    ? `${a.mensaje}. Requiere la aceptación del receptor (hasta 72 horas; su silencio la acepta).`
    : a.mensaje;
  await registrar(d, r, {
    ...cambio, codigo: a.codigo, mensaje, estatusSat: a.estatusCancelacion, acuse: a.acuse,
    nextCheckAt: now.getTime() + d.settings.revisionMs, now: now.toISOString(),
  });
  return { uuid: r.uuid, status: a.codigo, mensaje };
}

/** Records a change, then its effects. */
export async function registrar(d: CancelacionDeps, r: CancelacionRecord, c: CambioSolicitud): Promise<void> {
  if (!(await d.cancelaciones.registrar(r.id, c)) || c.estado === 'solicitando') return;
  const now = await d.cancelaciones.get(r.id);
  if (now?.efectosPendientes) await efectos(d, now);
}

/**
 * What follows a change: the PDF of a cancelled CFDI, then the notifier. Both are
 * idempotent; when either fails, the change stays marked and the follow-up job does them
 * again, so no notification is lost and the caller's answer never fails for them.
 */
export async function efectos(d: CancelacionDeps, r: CancelacionRecord): Promise<void> {
  try {
    if (r.estado === 'cancelado') {
      await pdfCancelado(d, r.cfdiId, r.fechaCancelacion ?? localFecha(new Date(r.updatedAt), MX));
      // A cancelled payment receipt gives its payments back to the invoices' balances (idempotent).
      const c = d.pagos ? await d.store.getCfdi(r.cfdiId) : undefined;
      if (c?.tipoDeComprobante === 'P') await d.pagos!.cancelarPago(c.empresaId, c.uuid);
    }
    await d.notifier?.cancelacionCambiada({
      cfdiId: r.cfdiId,
      estado: r.estado === 'cancelado' ? 'Cancelado' : 'Vigente',
      estatusCancelacion: r.estatusSat ?? (r.estado === 'rechazado' ? `Rechazada (${r.codigo ?? ''})` : 'En proceso'),
      motivo: r.motivo,
      folioSustitucion: r.folioSustitucion,
      fecha: r.updatedAt,
      clave: `cancelacion:${r.id}:${r.estado}`,
    });
    await d.cancelaciones.efectosHechos(r.id, r.estado);
  } catch (e) {
    d.log.error({ err: e, cancelacion: r.id }, 'effects of a cancellation change failed; the follow-up job does them again');
  }
}
