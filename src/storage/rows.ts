/**
 * Database rows → port objects, shared by both adapters. The columns have the same
 * names on SQLite and PostgreSQL; the drivers differ only in how values come back
 * (SQLite: JSON as text, instants as ISO text, booleans as 0/1; pg: parsed jsonb,
 * Date for timestamptz, real booleans), which `json`, `instant` and `Boolean` absorb.
 */
import type { DatosImpresos } from '../cfdi/printed.ts';
import type { ProductoDirectorio, ReceptorDirectorio } from '../layout/connector.ts';
import { AppError } from '../shared/errors.ts';
import type {
  CatalogImportMeta,
  CatalogRow,
  CfdiMeta,
  CfdiRecord,
  ConsultaPeticion,
  CsdRecord,
  DestinoPeticion,
  Empresa,
  EstadoPeticion,
  Peticion,
  PeticionStage,
  Sucursal,
  TipoCfd,
} from './store.ts';
import { compact, folioNumber } from './values.ts';

export type Row = Record<string, any>;

export function json<T>(v: unknown): T | undefined {
  if (v == null) return undefined;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function instant(v: unknown): string | undefined {
  if (v == null) return undefined;
  return v instanceof Date ? v.toISOString() : String(v);
}

export function notFound(what: string, id: number): AppError {
  return new AppError('BD_NO_ENCONTRADO', `No existe ${what} ${id}`);
}

// ── issue 10 (a10): Serie-Folio once per empresa ──

/** How many taken folios the tipo's counter skips before giving up (a client numbering inside the tipo's serie). */
export const MAX_FOLIOS_SALTADOS = 1_000;

/** The client-facing refusal of a Serie-Folio held by another peticion (with its CFDI's UUID once stamped). */
export function folioDuplicado(serie: string, folio: string, uuid: string | undefined): AppError {
  const cual = serie === '' ? `El Folio "${folio}" (sin Serie)` : `La Serie "${serie}" con Folio "${folio}"`;
  return new AppError(
    'GEN_FOLIO_DUPLICADO',
    uuid
      ? `${cual} ya se usó en el CFDI con UUID ${uuid}; un CFDI por Serie y Folio`
      : `${cual} ya la tiene otra petición en proceso (aún sin UUID); un CFDI por Serie y Folio`,
  );
}

/** Every column of empresas but the logo (read on each API request by key; the PDF needs it, getEmpresa reads it). */
export const EMPRESA_SIN_LOGO = 'id, key, rfc, nombre, regimen_fiscal, created_at, color, template';

/** The stored form of a peticion's notices: JSON, or NULL for none. */
export function advertenciasValue(advertencias: string[]): string | null {
  return advertencias.length ? JSON.stringify(advertencias) : null;
}

/**
 * The one-read check of a PUT (Store.destinoPeticion): `columns` of the key's empresa `e`,
 * its tipo `t` and its sucursal `s` (NULL when not that empresa's); no row for an unknown
 * key. Parameters in the backend's style.
 */
export function destinoSql(keyParam: string, tipoParam: string, sucursalParam: string,
  columns = `${EMPRESA_SIN_LOGO.split(', ').map((c) => `e.${c}`).join(', ')}, t.id AS t_id, s.id AS s_id`): string {
  return `SELECT ${columns}
    FROM empresas e
    LEFT JOIN tipos t ON t.id = ${tipoParam} AND t.empresa_id = e.id
    LEFT JOIN sucursales s ON s.id = ${sucursalParam} AND s.empresa_id = e.id
    WHERE e.key = ${keyParam}`;
}

export function toDestino(r: Row | undefined): DestinoPeticion | undefined {
  return r && { empresa: toEmpresa(r)!, tipo: r.t_id != null, sucursal: r.s_id != null };
}

/** Store.createPeticionForKey's refusal, from a row with `t_id` and `s_id` as destinoSql's (none: unknown key). */
export function faltante(r: Row | undefined): { faltante: 'empresa' | 'tipo' | 'sucursal' } | undefined {
  if (!r) return { faltante: 'empresa' };
  if (r.t_id == null) return { faltante: 'tipo' };
  if (r.s_id == null) return { faltante: 'sucursal' };
  return undefined;
}

export function toEmpresa(r: Row | undefined): Empresa | undefined {
  return r && compact<Empresa>({
    id: r.id, key: r.key, rfc: r.rfc, nombre: r.nombre, regimenFiscal: r.regimen_fiscal, createdAt: instant(r.created_at),
    logo: r.logo, color: r.color, template: r.template,
  });
}

export function toCsd(r: Row | undefined): CsdRecord | undefined {
  return r && {
    empresaId: r.empresa_id,
    noCertificado: r.no_certificado,
    cer: r.cer,
    keyEncrypted: r.key_encrypted,
    passwordEncrypted: r.password_encrypted,
    validFrom: instant(r.valid_from)!,
    validTo: instant(r.valid_to)!,
  };
}

export function toSucursal(r: Row | undefined): Sucursal | undefined {
  return r && compact<Sucursal>({ id: r.id, empresaId: r.empresa_id, nombre: r.nombre, codigoPostal: r.codigo_postal, domicilio: r.domicilio });
}

export function toTipo(r: Row | undefined): TipoCfd | undefined {
  return r && compact<TipoCfd>({
    id: r.id, empresaId: r.empresa_id, codigo: r.codigo, nombre: r.nombre, serie: r.serie, nextFolio: r.next_folio,
    connector: r.connector, layoutVersion: r.layout_version, defaults: json(r.defaults), template: r.template, color: r.color,
  });
}

/** Columns a tipo patch may set, in a fixed order, with JSON already serialized. */
export function tipoPatch(patch: Partial<Omit<TipoCfd, 'id' | 'empresaId' | 'nextFolio'>>): { columns: string[]; values: unknown[] } {
  const names: [keyof typeof patch, string][] = [
    ['codigo', 'codigo'], ['nombre', 'nombre'], ['serie', 'serie'], ['connector', 'connector'],
    ['layoutVersion', 'layout_version'], ['defaults', 'defaults'], ['template', 'template'], ['color', 'color'],
  ];
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [k, col] of names) {
    const v = patch[k] as unknown;
    if (v === undefined) continue; // undefined: unchanged; null (serie, template, color): cleared
    columns.push(col);
    values.push(k === 'defaults' && v !== null ? JSON.stringify(v) : v);
  }
  return { columns, values };
}

/**
 * The one-read GET (Store.consultarPeticion): empresas e LEFT JOIN peticiones p (of that
 * empresa) LEFT JOIN cfdis c; `ppdExpr` is the backend's test for MetodoPago="PPD" in c.xml,
 * evaluated only for a done income invoice (the XML is read for nothing else). Whether a
 * done CFDI has e-mail deliveries (from record 09, the tipo's copies or a re-send) is asked
 * of the outbox here, one index probe, so the GET reads them only when there are some.
 */
export function consultaSql(ppdExpr: string, keyParam: string, idParam: string): string {
  return `SELECT e.id AS e_id, e.key AS e_key, p.id AS p_id, p.empresa_id AS p_empresa_id, p.stage AS p_stage, p.errors AS p_errors,
      p.advertencias AS p_advertencias, p.expires_at AS p_expires_at, p.cfdi_id AS p_cfdi_id, ${CFDI_META_COLUMNS},
      CASE WHEN p.stage = 'done' AND c.tipo_de_comprobante = 'I' THEN ${ppdExpr} ELSE 0 END AS ppd,
      CASE WHEN p.stage = 'done' THEN EXISTS (SELECT 1 FROM entregas x WHERE x.cfdi_id = c.id AND x.canal = 'correo') ELSE false END AS tiene_correos
    FROM empresas e
    LEFT JOIN peticiones p ON p.id = ${idParam} AND p.empresa_id = e.id
    LEFT JOIN cfdis c ON c.id = p.cfdi_id
    WHERE e.key = ${keyParam}`;
}

export function toConsulta(r: Row | undefined): ConsultaPeticion | undefined {
  if (!r) return undefined;
  const peticion = r.p_id == null ? undefined : compact<EstadoPeticion>({
    id: r.p_id,
    empresaId: r.p_empresa_id,
    stage: r.p_stage as PeticionStage,
    errors: json<string[]>(r.p_errors),
    advertencias: json<string[]>(r.p_advertencias),
    expiresAt: instant(r.p_expires_at),
    cfdiId: r.p_cfdi_id ?? undefined,
    uuid: r.uuid ?? undefined,
  });
  return { empresa: { id: r.e_id, key: r.e_key }, peticion, cfdi: r.id == null ? undefined : toCfdi(r), ppd: Boolean(r.ppd),
    tieneCorreos: Boolean(r.tiene_correos) };
}

export function toPeticion(r: Row | undefined): Peticion | undefined {
  return r && compact<Peticion>({
    id: r.id,
    empresaId: r.empresa_id,
    tipoId: r.tipo_id,
    sucursalId: r.sucursal_id,
    archivoFuente: r.archivo_fuente,
    stage: r.stage as PeticionStage,
    errors: json<string[]>(r.errors),
    advertencias: json<string[]>(r.advertencias),
    createdAt: instant(r.created_at),
    expiresAt: instant(r.expires_at),
    serie: r.serie,
    folio: r.folio,
    sealedXml: r.sealed_xml,
    printed: json<DatosImpresos>(r.printed),
    cfdiId: r.cfdi_id,
    uuid: r.uuid,
    suscripciones: r.suscripciones == null ? undefined : Boolean(r.suscripciones),
  });
}

/** CfdiMeta as named column values (produccion left to the adapter: 0/1 or boolean). */
export function cfdiMetaValues(m: CfdiMeta): Record<string, unknown> {
  return {
    uuid: m.uuid, serie: m.serie ?? null, folio: m.folio ?? null, folio_num: folioNumber(m.folio), fecha: m.fecha,
    fecha_timbrado: m.fechaTimbrado, rfc_emisor: m.rfcEmisor, rfc_receptor: m.rfcReceptor, nombre_receptor: m.nombreReceptor,
    moneda: m.moneda, tipo_cambio: m.tipoCambio ?? null, sub_total: m.subTotal, descuento: m.descuento ?? null, total: m.total,
    iva: m.iva ?? null, tipo_de_comprobante: m.tipoDeComprobante, pedimento: m.pedimento ?? null,
    fecha_pedimento: m.fechaPedimento ?? null, aduana: m.aduana ?? null,
  };
}

/** The columns every CFDI listing returns (everything but xml, pdf and printed). */
export const CFDI_META_COLUMNS = `c.id, c.empresa_id, c.sucursal_id, c.tipo_id, c.peticion_id, c.uuid, c.serie, c.folio, c.fecha,
  c.fecha_timbrado, c.rfc_emisor, c.rfc_receptor, c.nombre_receptor, c.moneda, c.tipo_cambio, c.sub_total,
  c.descuento, c.total, c.iva, c.tipo_de_comprobante, c.produccion, c.pedimento, c.fecha_pedimento, c.aduana,
  c.has_pdf, c.fecha_cancelacion, c.estado_cancelacion`;

export function toCfdi(r: Row | undefined): CfdiRecord | undefined {
  return r && compact<CfdiRecord>({
    id: r.id, empresaId: r.empresa_id, sucursalId: r.sucursal_id, tipoId: r.tipo_id, peticionId: r.peticion_id,
    uuid: r.uuid, serie: r.serie, folio: r.folio, fecha: r.fecha, fechaTimbrado: r.fecha_timbrado, rfcEmisor: r.rfc_emisor,
    rfcReceptor: r.rfc_receptor, nombreReceptor: r.nombre_receptor, moneda: r.moneda, tipoCambio: r.tipo_cambio,
    subTotal: r.sub_total, descuento: r.descuento, total: r.total, iva: r.iva, tipoDeComprobante: r.tipo_de_comprobante,
    produccion: Boolean(r.produccion), pedimento: r.pedimento, fechaPedimento: r.fecha_pedimento, aduana: r.aduana,
    hasPdf: Boolean(r.has_pdf), fechaCancelacion: r.fecha_cancelacion, estadoCancelacion: r.estado_cancelacion,
  });
}

export function toReceptor(r: Row | undefined): ReceptorDirectorio | undefined {
  return r && compact<ReceptorDirectorio>({
    clave: r.clave, rfc: r.rfc, nombre: r.nombre, regimenFiscal: r.regimen_fiscal, domicilioFiscal: r.domicilio_fiscal,
    usoCfdi: r.uso_cfdi, email: r.email,
  });
}

export function toProducto(r: Row | undefined): ProductoDirectorio | undefined {
  return r && compact<ProductoDirectorio>({
    codigo: r.codigo, claveProdServ: r.clave_prod_serv, claveUnidad: r.clave_unidad, unidad: r.unidad, objetoImp: r.objeto_imp,
    taxProfile: json(r.tax_profile), descripcion: r.descripcion,
  });
}

export function toCatalogRow(r: Row): CatalogRow {
  return compact<CatalogRow>({ key: r.key, vigenciaDesde: r.vigencia_desde, vigenciaHasta: r.vigencia_hasta, data: json(r.data) });
}

export function toCatalogImport(r: Row): CatalogImportMeta {
  return { catalog: r.catalog, rows: Number(r.rows), source: r.source, importedAt: instant(r.imported_at)! };
}
