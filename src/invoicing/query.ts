/**
 * GET /{keyEmpresa}/cfdis/{idPeticion}: where a request stands, in the seed's exact
 * shapes and formats.
 */
import { saldoDeFacturaPpd } from './pagos.ts';
import type { InvoicingDeps } from './deps.ts';
import type { CfdiRecord, Empresa } from '../storage/store.ts';
import { AppError } from '../shared/errors.ts';
import { decimalsOf, roundHalfUp } from '../cfdi/amounts/decimal.ts';

export type QueryAnswer =
  | { status: 200; body: CfdiAlmacenado & Advertencias; tieneCorreos: boolean }
  | { status: 202; body: { status: 'EN_PROCESO'; uuid?: string } }
  | { status: 400; body: { errors: string[] } & Advertencias }
  | { status: 404; body: { status: 'DOCUMENTO_NO_ENCONTRADO' } };

/** The seed's 200 body; every value is a string except `produccion`. */
export interface CfdiAlmacenado {
  uuid: string;
  fecha: string;
  serie: string;
  folio: string;
  rfc: string;
  iva: string;
  monto: string;
  descuento: string;
  subtotal: string;
  tipoCambio: string;
  tipoMoneda: string;
  idCfd: string;
  idSucursal: string;
  /** ALMACENADO, or the cancellation state (docs/cancelacion.md). */
  status: 'ALMACENADO' | 'CANCELACION_EN_PROCESO' | 'CANCELADO' | 'CANCELACION_RECHAZADA';
  produccion: boolean;
  fechaCancelacion: string;
  tienePDF: 'true' | 'false';
  pedimento: string;
  fechaPedimento: string;
  aduana: string;
  pdfAndXmlDownload: string;
  pdfDownload: string;
  xmlDownload: string;
}

/**
 * Beside the seed's fields, only when there are any: SAT-rule warnings and the rules that
 * could not be checked, and why (e.g. "CFDI40162 no verificada: el catálogo
 * c_ClaveProdServ no está importado …").
 */
export interface Advertencias {
  advertencias?: string[];
}

export function advertencias(p: { advertencias?: string[] }): Advertencias {
  return p.advertencias?.length ? { advertencias: p.advertencias } : {};
}

/** The seed's 404 body, also the answer of a download naming no CFDI of the empresa. */
export const NOT_FOUND = { status: 404, body: { status: 'DOCUMENTO_NO_ENCONTRADO' } } as const;

/** One database read (clients poll this), two for a done PPD invoice (its balance). */
export async function queryPeticion(d: InvoicingDeps, keyEmpresa: string, idPeticion: string): Promise<QueryAnswer> {
  const id = d.ids.decode('peticion', idPeticion);
  // An undecodable id still needs the key checked first (401 before 404): id 0 names no peticion.
  const c = await d.store.consultarPeticion(keyEmpresa, id ?? 0);
  if (!c) throw new AppError('API_EMPRESA_DESCONOCIDA', `No existe la keyEmpresa ${keyEmpresa}`);
  const { empresa, peticion: p } = c;
  // A foreign or expired request is indistinguishable from an unknown one.
  if (id === undefined || !p || p.empresaId !== empresa.id || p.expiresAt < d.clock().toISOString()) return NOT_FOUND;
  switch (p.stage) {
    case 'queued':
    case 'sealed':
      return { status: 202, body: { status: 'EN_PROCESO' } };
    case 'stamped':
      return { status: 202, body: { status: 'EN_PROCESO', uuid: p.uuid } };
    case 'error':
      return { status: 400, body: { errors: p.errors ?? [], ...advertencias(p) } };
    case 'done': {
      const cfdi = c.cfdi;
      if (!cfdi) throw new Error(`peticion ${p.id} is done but CFDI ${p.cfdiId} is missing`);
      // A PPD invoice the service issued says what is left to pay (payment receipts, issue 13).
      const saldo = d.pagos && c.ppd ? await saldoDeFacturaPpd(d.pagos, cfdi.id) : undefined;
      return {
        status: 200,
        body: { ...almacenado(d, empresa, cfdi), ...(saldo === undefined ? {} : { saldoInsoluto: roundHalfUp(saldo, 2) }), ...advertencias(p) },
        tieneCorreos: c.tieneCorreos, // the notifier's GET fields need no read of their own without e-mails
      };
    }
  }
}

export function almacenado(d: Pick<InvoicingDeps, 'ids'>, empresa: Pick<Empresa, 'key'>, c: CfdiRecord): CfdiAlmacenado {
  const idCfd = d.ids.encode('cfdi', c.id);
  const link = (r: 'XML' | 'PDF' | 'XML_PDF') =>
    `/${empresa.key}/descargasCfdiAsync?idCfdi=${idCfd}&produccion=${c.produccion}&representacion=${r}`;
  return {
    uuid: c.uuid,
    fecha: `${c.fecha.replace('T', ' ')}.0`,
    serie: c.serie ?? '',
    folio: c.folio ?? '',
    rfc: c.rfcReceptor,
    iva: c.iva === undefined ? '' : fixed(c.iva, 6),
    monto: fixed(c.total, 6),
    descuento: fixed(c.descuento ?? '0', 6),
    subtotal: fixed(c.subTotal, 6),
    tipoCambio: tipoCambio(c.tipoCambio),
    tipoMoneda: c.moneda,
    idCfd,
    idSucursal: d.ids.encode('sucursal', c.sucursalId),
    status: c.estadoCancelacion ?? 'ALMACENADO',
    produccion: c.produccion,
    // Stored as Mexico City local time; the seed's format is that of `fecha`.
    fechaCancelacion: c.fechaCancelacion ? `${c.fechaCancelacion.replace('T', ' ')}.0` : '',
    tienePDF: c.hasPdf ? 'true' : 'false',
    pedimento: c.pedimento ?? '',
    fechaPedimento: c.fechaPedimento ?? '',
    aduana: c.aduana ?? '',
    pdfAndXmlDownload: link('XML_PDF'),
    pdfDownload: link('PDF'),
    xmlDownload: link('XML'),
  };
}

/** The seed's 4 decimals (`1.0000`), but never fewer than the CFDI's own: 19.300505 stays 19.300505. */
function tipoCambio(v: string | undefined): string {
  return v !== undefined && decimalsOf(v) > 4 ? v : fixed(v ?? '1', 4);
}

function fixed(v: string, places: number): string {
  return roundHalfUp(v, places);
}
