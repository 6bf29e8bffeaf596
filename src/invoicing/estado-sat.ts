/**
 * The SAT status of a CFDI of an empresa (`GET /{keyEmpresa}/estadoSat?uuid=`, `cfdi-async
 * sat estado`): the QR data comes from our store, the answer from the SAT's status
 * service through its port.
 */
import type { InvoicingDeps } from './deps.ts';
import type { CfdiRecord, Empresa } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';
import { parseXml } from '../cfdi/xml/parse.ts';

export interface EstadoSatAnswer {
  estado: string;
  esCancelable: string;
  estatusCancelacion: string;
  codigoEstatus: string;
}

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export function checkUuid(uuid: unknown): string {
  if (typeof uuid !== 'string' || !UUID_RE.test(uuid)) throw new AppError('API_UUID_INVALIDO', 'uuid debe ser el folio fiscal (UUID) de un CFDI de la empresa');
  return uuid.toUpperCase();
}

export async function estadoSatDeEmpresa(d: InvoicingDeps, keyEmpresa: string, uuid: unknown): Promise<EstadoSatAnswer> {
  const empresa = await d.store.getEmpresaByKey(keyEmpresa);
  if (!empresa) throw new AppError('API_EMPRESA_DESCONOCIDA', 'La empresa no existe');
  return estadoSat(d, empresa, checkUuid(uuid));
}

export async function estadoSat(d: InvoicingDeps, empresa: Empresa, uuid: string): Promise<EstadoSatAnswer> {
  const cfdi = await d.store.getCfdiByUuid(empresa.id, uuid);
  if (!cfdi) throw new AppError('API_NO_ENCONTRADO', `La empresa no tiene un CFDI con UUID ${uuid}`);
  return consultar(d, cfdi);
}

async function consultar(d: InvoicingDeps, cfdi: CfdiRecord): Promise<EstadoSatAnswer> {
  if (!d.estadoSat) throw new AppError('SAT_ESTADO_NO_DISPONIBLE', 'El servicio de consulta del SAT no está configurado');
  const xml = await d.store.getCfdiXml(cfdi.id);
  const sello = xml ? selloDe(xml) : undefined;
  try {
    const r = await d.estadoSat.consultar({
      rfcEmisor: cfdi.rfcEmisor, rfcReceptor: cfdi.rfcReceptor, total: cfdi.total, uuid: cfdi.uuid, sello8: sello?.slice(-8),
    });
    return { estado: r.estado, esCancelable: r.esCancelable, estatusCancelacion: r.estatusCancelacion, codigoEstatus: r.codigoEstatus };
  } catch (e) {
    d.log.warn({ err: e, uuid: cfdi.uuid }, 'SAT status query failed');
    throw new AppError('SAT_ESTADO_NO_DISPONIBLE', `El servicio de consulta del SAT no respondió: ${(e as Error).message}`);
  }
}

/** The emisor's Sello, for the `fe` of the query; the SAT answers without it, so an unreadable XML only omits it. */
function selloDe(xml: string): string | undefined {
  try {
    return parseXml(xml).attrs.find(([k]) => k === 'Sello')?.[1];
  } catch {
    return undefined;
  }
}
