/**
 * Look-ups of the seed family (issue 14): the tipos de CFD a client may send, and one
 * stored CFDI by UUID or by serie and folio. The CFDI answers in the GET's 200 shape.
 */
import type { InvoicingDeps } from './deps.ts';
import type { CfdiRecord, Empresa } from '../storage/store.ts';
import { AppError, type ErrorCode } from '../shared/errors.ts';
import { advertencias, almacenado, type Advertencias, type CfdiAlmacenado } from './query.ts';
import { UUID } from './download.ts';

/** One element per tipo and sucursal: the pair of ids a client sends in the PUT. */
export interface TipoCfdPublico {
  id: string;
  idSucursal: string;
  sucursal: string;
  codigo: string;
  nombre: string;
  serie: string;
  tipoDeComprobante: string;
}

export async function empresaOf(d: InvoicingDeps, keyEmpresa: string): Promise<Empresa> {
  const empresa = await d.store.getEmpresaByKey(keyEmpresa);
  if (!empresa) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
  return empresa;
}

export async function listTiposCfd(d: InvoicingDeps, keyEmpresa: string): Promise<TipoCfdPublico[]> {
  const empresa = await empresaOf(d, keyEmpresa);
  const [tipos, sucursales] = await Promise.all([d.store.listTipos(empresa.id), d.store.listSucursales(empresa.id)]);
  return tipos.flatMap((t) => sucursales.map((s) => ({
    id: d.ids.encode('tipo', t.id),
    idSucursal: d.ids.encode('sucursal', s.id),
    sucursal: s.nombre,
    codigo: t.codigo,
    nombre: t.nombre,
    serie: t.serie ?? '',
    tipoDeComprobante: t.defaults.TipoDeComprobante ?? '',
  })));
}

/** What names one CFDI: its UUID, or its folio (and serie when several series share the folio). */
export interface CfdiKey {
  uuid?: string;
  serie?: string;
  folio?: string;
}

/**
 * The empresa's CFDI with that key, or undefined. Malformed keys and a folio that
 * several series share (no serie given) are the caller's `code` (HTTP 400).
 */
export async function findCfdi(d: InvoicingDeps, empresa: Empresa, k: CfdiKey, code: ErrorCode, folioParam = 'folio'): Promise<CfdiRecord | undefined> {
  if (k.uuid !== undefined) {
    if (!UUID.test(k.uuid)) throw new AppError(code, `uuid no tiene el formato de un folio fiscal (se recibió "${k.uuid}")`);
    return d.store.getCfdiByUuid(empresa.id, k.uuid.toUpperCase());
  }
  if (k.folio === undefined) throw new AppError(code, `Debe indicar uuid o ${folioParam} (con serie si la hay)`);
  if (!/^\d{1,15}$/.test(k.folio)) throw new AppError(code, `${folioParam} debe ser un número entero (se recibió "${k.folio}")`);
  const n = Number(k.folio);
  const found = await d.store.listCfdis({ empresaId: empresa.id, serie: k.serie, folioInicial: n, folioFinal: n, limit: 2 });
  if (found.length > 1) {
    throw new AppError(code, `Varios CFDI tienen el folio ${k.folio} (series ${found.map((c) => c.serie ?? '(sin serie)').join(', ')}); indique serie`);
  }
  return found[0];
}

export type ConsultaCfdi = { status: 200; body: CfdiAlmacenado & Advertencias } | { status: 404; body: { status: 'DOCUMENTO_NO_ENCONTRADO' } };

/** GET /{keyEmpresa}/cfdis?uuid= | ?folioEspecifico=[&serie=] */
export async function consultaCfdi(d: InvoicingDeps, keyEmpresa: string, q: { uuid?: string; folioEspecifico?: string; serie?: string }): Promise<ConsultaCfdi> {
  const empresa = await empresaOf(d, keyEmpresa);
  const c = await findCfdi(d, empresa, { uuid: q.uuid, serie: q.serie, folio: q.folioEspecifico }, 'API_PARAMETROS_CONSULTA', 'folioEspecifico');
  if (!c) return { status: 404, body: { status: 'DOCUMENTO_NO_ENCONTRADO' } };
  // The notices live on the peticion: shown while it is kept (CFDI_REQUEST_TTL_DAYS), as the GET does.
  const p = await d.store.getPeticion(c.peticionId);
  return { status: 200, body: { ...almacenado(d, empresa, c), ...advertencias(p ?? {}) } };
}
