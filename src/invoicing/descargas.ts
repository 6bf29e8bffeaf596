/**
 * GET /{keyEmpresa}/descargasCfdi (issue 14): the synchronous download the seed family's
 * clients call. Always a ZIP: one CFDI by uuid or by serie and folio, or a page of the
 * empresa's CFDIs by date, folio and serie (`pageSize` 0–100, default 50; `page` from 1).
 * The filters are parsed by descargasCfdiAsync's own code (`bulkFilter`), so both answer
 * alike: 200, 204 when a filter matched nothing, 404 when the uuid or serie and folio name
 * no CFDI of the empresa, 400 with API_PARAMETROS_DESCARGA, 401.
 */
import type { InvoicingDeps } from './deps.ts';
import type { Empresa } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';
import { baseName, bulkFilter, zipStream, type DownloadAnswer, type DownloadOptions, type DownloadQuery, type Representacion } from './download.ts';
import { NOT_FOUND } from './query.ts';
import { fechaParametro } from '../shared/fechas.ts';
import { empresaOf, findCfdi } from './consultas.ts';

export interface DescargaQuery {
  uuid?: string;
  serie?: string;
  folio?: string;
  representacion?: string;
  produccion?: string;
  fecha?: string;
  fechaInicial?: string;
  fechaFinal?: string;
  folioEspecifico?: string;
  folioInicial?: string;
  folioFinal?: string;
  pageSize?: string;
  /** 1 = the first page; `pageNumber` is accepted as its synonym. */
  page?: string;
  pageNumber?: string;
}

/** What each representacion puts in the ZIP; `ACUSE` is the SAT's cancellation acuse, as received. */
const REPRESENTACIONES: Readonly<Record<string, Representacion>> = { XML: 'XML', PDF: 'PDF', XML_PDF: 'XML_PDF', ACUSE: 'ACUSE' };

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

function bad(message: string): AppError {
  return new AppError('API_PARAMETROS_DESCARGA', message);
}

export async function descargaCfdi(d: InvoicingDeps, keyEmpresa: string, q: DescargaQuery, o: DownloadOptions = {}): Promise<DownloadAnswer> {
  const empresa = await empresaOf(d, keyEmpresa);
  const rep = q.representacion === undefined ? 'XML_PDF' : REPRESENTACIONES[q.representacion];
  if (!rep) throw bad(`representacion debe ser ${Object.keys(REPRESENTACIONES).join(', ')} (se recibió "${q.representacion}")`);
  if (q.produccion !== undefined && q.produccion !== 'true' && q.produccion !== 'false') throw bad('produccion debe ser true o false');
  const produccion = q.produccion === undefined ? undefined : q.produccion === 'true';

  if (q.uuid !== undefined || q.folio !== undefined) {
    const c = await findCfdi(d, empresa, { uuid: q.uuid, serie: q.serie, folio: q.folio }, 'API_PARAMETROS_DESCARGA');
    if (!c) return NOT_FOUND;
    if ((produccion !== undefined && c.produccion !== produccion) || (rep === 'PDF' && !c.hasPdf) || (rep === 'ACUSE' && !c.estadoCancelacion)) {
      return { status: 204 };
    }
    return { status: 200, contentType: 'application/zip', fileName: `${baseName(c)}.zip`, body: zipStream(d, [c], rep) };
  }
  return bulk(d, empresa, q, rep, produccion, o);
}

async function bulk(d: InvoicingDeps, empresa: Empresa, q: DescargaQuery, rep: Representacion, produccion: boolean | undefined, o: DownloadOptions): Promise<DownloadAnswer> {
  if (q.fecha !== undefined) {
    if (q.fechaInicial !== undefined || q.fechaFinal !== undefined) throw bad('fecha no se combina con fechaInicial ni fechaFinal');
    if (!fechaParametro('fecha', q.fecha, bad).soloFecha) throw bad(`fecha debe tener el formato AAAA-MM-DD (se recibió "${q.fecha}")`);
  }
  if (q.folioEspecifico !== undefined) {
    if (q.folioInicial !== undefined || q.folioFinal !== undefined) throw bad('folioEspecifico no se combina con folioInicial ni folioFinal');
    if (!/^\d{1,15}$/.test(q.folioEspecifico)) throw bad(`folioEspecifico debe ser un número entero (se recibió "${q.folioEspecifico}")`);
  }
  // fecha is one whole day and folioEspecifico one folio: the same bounds on both ends.
  const asAsync: DownloadQuery = {
    fechaInicial: q.fecha ?? q.fechaInicial,
    fechaFinal: q.fecha ?? q.fechaFinal,
    folioInicial: q.folioEspecifico ?? q.folioInicial,
    folioFinal: q.folioEspecifico ?? q.folioFinal,
    serie: q.serie,
  };
  const { f, used } = bulkFilter(d, empresa, asAsync, produccion);
  if (!used && q.representacion === undefined) {
    throw bad('Debe indicar uuid, folio (y serie), o al menos uno de: representacion, fecha, fechaInicial, fechaFinal, folioEspecifico, folioInicial, folioFinal, serie');
  }
  const pageSize = integer('pageSize', q.pageSize, PAGE_SIZE_DEFAULT, 0, PAGE_SIZE_MAX);
  const page = integer(q.page === undefined && q.pageNumber !== undefined ? 'pageNumber' : 'page', q.page ?? q.pageNumber, 1, 1, 1_000_000);
  o.bulkSlot?.();
  // pageSize 0 asks only whether there is anything: an empty ZIP, or 204.
  const rows = await d.store.listCfdis({ ...f, limit: Math.max(pageSize, 1) + 1, offset: (page - 1) * pageSize });
  if (rows.length === 0) return { status: 204 };
  const more = rows.length > pageSize;
  const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'pageNumber') as Array<[string, string]>);
  params.set('page', String(page + 1));
  return {
    status: 200,
    contentType: 'application/zip',
    fileName: `cfdis-${empresa.rfc}-${rep}-${page}.zip`,
    body: zipStream(d, rows.slice(0, pageSize), rep),
    nextPage: more && pageSize > 0 ? `/${empresa.key}/descargasCfdi?${params.toString()}` : undefined,
  };
}

function integer(name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw bad(`${name} debe ser un entero de ${min} a ${max} (se recibió "${raw}")`);
  return n;
}
