/**
 * The background job keeping pending cancellations up to date until they end:
 * - `solicitando` (the PAC never answered): the same signed request is sent again;
 * - `en_proceso` (waiting for the receptor, up to 72 hours): the SAT status service is
 *   asked; `Cancelado` ends it as cancelled (the receptor accepted, or let the term lapse),
 *   `Solicitud rechazada` ends it as rejected (the CFDI stays valid).
 * Claims push `next_check_at` forward first (a lease), so processes sharing the database
 * never ask twice at once and a crashed one's claims come back by themselves.
 */
import { localFecha } from '../cfdi/fecha.ts';
import type { CancelacionRecord } from '../storage/cancelaciones.ts';
import { pacDe, type CancelacionDeps } from './deps.ts';
import { efectos, enviar, registrar } from './cancelar.ts';

const MX = 'America/Mexico_City';

/** One pass: every due request. Returns how many were looked at. */
export async function revisarPendientes(d: CancelacionDeps, limit = 50): Promise<number> {
  const now = d.clock().getTime();
  const due = await d.cancelaciones.reclamarPendientes(now, Math.max(d.settings.pacTimeoutMs * 2, 10_000), limit);
  for (const r of due) {
    try {
      await revisar(d, r);
    } catch (e) {
      d.log.warn({ err: e, cancelacion: r.id }, 'checking a pending cancellation failed; retried later');
    }
  }
  return due.length;
}

async function revisar(d: CancelacionDeps, r: CancelacionRecord): Promise<void> {
  if (r.efectosPendientes) await efectos(d, r);
  if (r.estado === 'cancelado' || r.estado === 'rechazado') return;
  if (r.estado === 'solicitando') {
    await enviar(d, r);
    return;
  }
  const cfdi = await d.store.getCfdi(r.cfdiId);
  if (!cfdi) return;
  const xml = await d.store.getCfdiXml(cfdi.id);
  const sello = xml ? /\sSello="([^"]*)"/.exec(xml)?.[1] : undefined;
  const { estadoSat } = await pacDe(d, r.empresaId);
  const e = await estadoSat.consultar({
    rfcEmisor: cfdi.rfcEmisor, rfcReceptor: cfdi.rfcReceptor, total: cfdi.total, uuid: cfdi.uuid, sello8: sello?.slice(-8),
  });
  const now = d.clock();
  const base = { estatusSat: e.estatusCancelacion || undefined, now: now.toISOString(), nextCheckAt: now.getTime() + d.settings.revisionMs };
  if (e.estado === 'Cancelado') {
    await registrar(d, r, { ...base, estado: 'cancelado', estadoCfdi: 'CANCELADO', fechaCancelacion: localFecha(now, MX), mensaje: `Cancelado: ${e.estatusCancelacion}` });
  } else if (/rechazada/i.test(e.estatusCancelacion)) {
    await registrar(d, r, { ...base, estado: 'rechazado', estadoCfdi: 'CANCELACION_RECHAZADA', mensaje: 'El receptor rechazó la cancelación; el CFDI sigue vigente' });
  } else {
    await registrar(d, r, { ...base, estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO' });
  }
}

export interface RunningSeguimiento {
  stop(): Promise<void>;
}

/** Runs `revisarPendientes` every `revisionMs` (a tenth of it, at least 50 ms, between empty passes). */
export function startSeguimiento(d: CancelacionDeps): RunningSeguimiento {
  const stopping = new AbortController();
  const pause = Math.max(50, Math.floor(d.settings.revisionMs / 10));
  const aborted = new Promise<void>((res) => stopping.signal.addEventListener('abort', () => res(), { once: true }));
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await revisarPendientes(d);
      } catch (e) {
        d.log.error({ err: e }, 'cancellation follow-up pass failed');
      }
      let t: NodeJS.Timeout | undefined;
      await Promise.race([aborted, new Promise<void>((res) => { t = setTimeout(res, pause); })]);
      clearTimeout(t);
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
