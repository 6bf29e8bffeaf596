/**
 * The test PAC's simulated SAT for cancellation: it answers the signed `Cancelacion`
 * as the SAT would and serves the status service (`EstadoSat`, ConsultaCFDIService).
 *
 * - Checks the XML-DSig and that the certificate's RFC is the request's RfcEmisor (SAT 203
 *   otherwise), that it knows the UUID and it belongs to that emisor (205), the motivo (207,
 *   208, 209), live related documents (`no_cancelable`).
 * - Cancels at once when the receptor's acceptance is not needed (RMF 2.7.1.35, the same
 *   pure rule the service uses to tell its client what to expect); otherwise the request
 *   is `En proceso` until the receptor answers — `cfdi-async test-pac receptor
 *   aceptar|rechazar` — or 72 hours pass in silence (`Plazo vencido`: cancelled).
 * - A second request for a UUID in process or cancelled answers 202.
 * - The acuse is signed with the test PAC's own certificate (the SAT's would be the SAT's).
 *
 * What the SAT knows of each CFDI comes from `comprobante` (main/ reads the service's own
 * CFDI records: everything this PAC stamped is there). Its cancellation state lives in a
 * key/value memory that main/ persists in the database, so the CLI and every server
 * process share one simulated SAT.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ConsultaEstado, EstadoCfdi, EstadoSat } from '../../sat-estado/port.ts';
import { requiereAceptacion } from '../../rules/cancelacion/aceptacion.ts';
import type { CfdiCancelable, DocumentoRelacionado } from '../../rules/cancelacion/types.ts';
import { readSatCertificate } from '../../sealing/certificate.ts';
import { c14nAttr, firmarEnveloped, verificarEnveloped } from '../../sealing/xmldsig.ts';
import { NS_CANCELACION, type Cancelador, type RespuestaPac, type SolicitudPac } from '../cancelador.ts';

import { mexicoCityLocal } from './index.ts';

export type EstatusCancelacionSat = 'En proceso' | 'Cancelado sin aceptación' | 'Cancelado con aceptación' | 'Plazo vencido' | 'Solicitud rechazada';

interface Estado {
  estatus: EstatusCancelacionSat;
  motivo: string;
  /** Epoch ms of the request and of its resolution. */
  solicitada: number;
  resuelta?: number;
}

export interface SatSimulado {
  cancelador: Cancelador;
  estado: EstadoSat;
  /** The receptor answers a pending request. */
  responder(uuid: string, decision: 'aceptar' | 'rechazar'): Promise<EstatusCancelacionSat>;
}

/** The receptor's term: silence for 72 hours accepts. */
export const PLAZO_RECEPTOR_MS = 72 * 3600_000;

const CANCELADO = new Set<EstatusCancelacionSat>(['Cancelado sin aceptación', 'Cancelado con aceptación', 'Plazo vencido']);

export function createSatSimulado(o: {
  certPem: string;
  keyPem: string;
  clock: () => Date;
  /** Where the simulated SAT keeps each UUID's cancellation state (overwritten as it changes). */
  memory: { get(key: string): Promise<string | undefined>; put(key: string, value: string): Promise<void> };
  /** What the SAT knows of a stamped CFDI; undefined when it does not know the UUID. */
  comprobante(rfcEmisor: string, uuid: string): Promise<CfdiCancelable | undefined>;
  /** Live CFDIs relating it (CfdiRelacionados, payments). */
  relacionadosVivos(rfcEmisor: string, uuid: string): Promise<DocumentoRelacionado[]>;
}): SatSimulado {
  const key = createPrivateKey(o.keyPem);
  const cer = Buffer.from(new X509Certificate(o.certPem).raw);
  const memKey = (uuid: string) => `sat-cancelacion:${uuid}`;

  async function leer(uuid: string): Promise<Estado | undefined> {
    const v = await o.memory.get(memKey(uuid));
    if (!v) return undefined;
    const e = JSON.parse(v) as Estado;
    // The receptor's silence accepts once the term lapses.
    if (e.estatus === 'En proceso' && o.clock().getTime() - e.solicitada >= PLAZO_RECEPTOR_MS) {
      const vencido: Estado = { ...e, estatus: 'Plazo vencido', resuelta: e.solicitada + PLAZO_RECEPTOR_MS };
      await o.memory.put(memKey(uuid), JSON.stringify(vencido));
      return vencido;
    }
    return e;
  }

  function acuse(rfcEmisor: string, uuid: string, codigo: string): string {
    const doc = `<Acuse xmlns="${NS_CANCELACION}" Fecha="${mexicoCityLocal(o.clock())}" RfcEmisor="${c14nAttr(rfcEmisor)}">`
      + `<Folios><UUID>${uuid}</UUID><EstatusUUID>${codigo}</EstatusUUID></Folios></Acuse>`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${firmarEnveloped(doc, { cer, privateKey: key })}`;
  }

  const answer = (codigo: string, mensaje: string, extra: Partial<RespuestaPac> = {}): RespuestaPac => ({ codigo, mensaje, ...extra });

  const cancelador: Cancelador = {
    async cancelar(s: SolicitudPac): Promise<RespuestaPac> {
      const v = verificarEnveloped(s.xmlFirmado);
      if (!v.ok) return answer('301', `XML mal formado o firma inválida: ${v.motivo}`);
      const rfc = /\sRfcEmisor="([^"]*)"/.exec(s.xmlFirmado)?.[1]?.replace(/&amp;/g, '&');
      const folio = /<Folio(?:\sFolioSustitucion="([^"]*)")?\sMotivo="([^"]*)"\sUUID="([^"]*)">/.exec(s.xmlFirmado);
      if (!rfc || !folio) return answer('301', 'XML mal formado: falta RfcEmisor o Folio');
      const [, sust, motivo, uuidRaw] = folio;
      const uuid = uuidRaw.toUpperCase();
      if (readSatCertificate(v.cer).rfc !== rfc) return answer('203', 'El RFC del certificado no corresponde al RfcEmisor de la solicitud');
      const cfdi = await o.comprobante(rfc, uuid);
      if (!cfdi || cfdi.rfcEmisor !== rfc) return answer('205', 'UUID no existe');
      if (!['01', '02', '03', '04'].includes(motivo)) return answer('207', 'Motivo no válido');
      if (motivo === '01' && !sust) return answer('208', 'Folio de sustitución no válido');
      if (motivo !== '01' && sust) return answer('209', 'Folio de sustitución no requerido');
      const prev = await leer(uuid);
      if (prev && prev.estatus !== 'Solicitud rechazada') {
        return answer('202', 'UUID previamente cancelado o con solicitud en proceso', { estatusCancelacion: prev.estatus, acuse: acuse(rfc, uuid, '202') });
      }
      const vivos = (await o.relacionadosVivos(rfc, uuid)).filter((d) => !(motivo === '01' && d.uuid === sust?.toUpperCase()));
      if (vivos.length > 0) return answer('no_cancelable', `No cancelable: tiene CFDI relacionados vigentes (${vivos.map((d) => d.uuid).join(', ')})`);
      const now = o.clock();
      const requiere = requiereAceptacion(cfdi, mexicoCityLocal(now)).requiere;
      const estado: Estado = requiere
        ? { estatus: 'En proceso', motivo, solicitada: now.getTime() }
        : { estatus: 'Cancelado sin aceptación', motivo, solicitada: now.getTime(), resuelta: now.getTime() };
      await o.memory.put(memKey(uuid), JSON.stringify(estado));
      return answer('201', 'Solicitud de cancelación recibida', { estatusCancelacion: estado.estatus, acuse: acuse(rfc, uuid, '201') });
    },
  };

  const estado: EstadoSat = {
    async consultar(q: ConsultaEstado): Promise<EstadoCfdi> {
      const uuid = q.uuid.toUpperCase();
      const cfdi = await o.comprobante(q.rfcEmisor, uuid);
      if (!cfdi || cfdi.rfcEmisor !== q.rfcEmisor || cfdi.rfcReceptor !== q.rfcReceptor) {
        return { codigoEstatus: 'N - 602: Comprobante no encontrado.', estado: 'No Encontrado', esCancelable: '', estatusCancelacion: '' };
      }
      const e = await leer(uuid);
      const cancelado = e !== undefined && CANCELADO.has(e.estatus);
      let esCancelable = 'No cancelable';
      if (!cancelado && (await o.relacionadosVivos(q.rfcEmisor, uuid)).length === 0) {
        esCancelable = requiereAceptacion(cfdi, mexicoCityLocal(o.clock())).requiere ? 'Cancelable con aceptación' : 'Cancelable sin aceptación';
      }
      return {
        codigoEstatus: 'S - Comprobante obtenido satisfactoriamente.',
        estado: cancelado ? 'Cancelado' : 'Vigente',
        esCancelable,
        estatusCancelacion: e?.estatus ?? '',
        validacionEFOS: '200',
      };
    },
  };

  return {
    cancelador,
    estado,
    async responder(uuidRaw, decision) {
      const uuid = uuidRaw.toUpperCase();
      const e = await leer(uuid);
      if (!e || e.estatus !== 'En proceso') {
        throw new Error(`el UUID ${uuid} no tiene una solicitud de cancelación pendiente${e ? ` (${e.estatus})` : ''}`);
      }
      const next: Estado = { ...e, estatus: decision === 'aceptar' ? 'Cancelado con aceptación' : 'Solicitud rechazada', resuelta: o.clock().getTime() };
      await o.memory.put(memKey(uuid), JSON.stringify(next));
      return next.estatus;
    },
  };
}
