/**
 * The records of the xsa layout (docs/layouts.md), as data: field names and kinds per
 * version. The parser checks every field against its kind before any record is
 * interpreted, so all syntax errors of a document are found in one pass.
 */

/**
 * How a field is checked and normalised:
 * - `text`: kept as written (trimmed);
 * - `decimal`: plain decimal, copied as written;
 * - `fecha`: full or compact date → `YYYY-MM-DDThh:mm:ss`;
 * - `impuesto`: `ISR`/`IVA`/`IEPS` or `001`–`003` → code;
 * - `factor`: Tasa/Cuota/Exento in any case;
 * - `tasa`: a decimal here; turned into six decimals once TipoFactor is known;
 * - `uuid`, `flag` (`1`/`0`), `entero` (digits);
 * - `metodo`, `forma`: legacy payment words → MetodoPago / FormaPago.
 */
export type FieldKind = 'text' | 'decimal' | 'fecha' | 'impuesto' | 'factor' | 'tasa' | 'uuid' | 'flag' | 'entero' | 'metodo' | 'forma';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
}

export interface RecordSpec {
  id: string;
  /** What the record is, for messages (`registro 03 (receptor)`). */
  title: string;
  fields: FieldSpec[];
  /** Fewest fields a record may have: up to its last required field. */
  min: number;
  /** Allowed once per document. */
  once?: boolean;
}

const t = (name: string, required = false): FieldSpec => ({ name, kind: 'text', required });
const n = (name: string, required = false): FieldSpec => ({ name, kind: 'decimal', required });
const k = (kind: FieldKind, name: string, required = false): FieldSpec => ({ name, kind, required });

function rec(id: string, title: string, fields: FieldSpec[], once = false): RecordSpec {
  let min = 0;
  fields.forEach((f, i) => {
    if (f.required) min = i + 1;
  });
  return { id, title, fields, min, once };
}

const comprobante17: FieldSpec[] = [
  t('IdInterno'),
  t('Serie'),
  t('Folio'),
  k('fecha', 'Fecha'),
  n('SubTotal'),
  n('Total'),
  n('TotalImpuestosTrasladados'),
  n('TotalImpuestosRetenidos'),
  n('Descuento'),
  t('MotivoDescuento'),
  t('TotalConLetra'),
  t('Moneda'),
  n('TipoCambio'),
  t('Referencia'),
  t('Nota1'),
  t('Nota2'),
  t('Nota3'),
];

const receptor13: FieldSpec[] = [
  t('IdReceptor'),
  t('Rfc'),
  t('Nombre'),
  t('Pais'),
  t('Calle'),
  t('NoExterior'),
  t('NoInterior'),
  t('Colonia'),
  t('Localidad'),
  t('Referencia'),
  t('Municipio'),
  t('Estado'),
  t('DomicilioFiscalReceptor'),
];

const impuestoConcepto: FieldSpec[] = [
  t('ClaveConcepto'),
  n('Base'),
  k('impuesto', 'Impuesto', true),
  k('factor', 'TipoFactor'),
  k('tasa', 'TasaOCuota'),
  n('Importe'),
];

const common = {
  '07': rec('07', 'impuesto retenido', [k('impuesto', 'Impuesto', true), n('Importe')]),
  '09': rec('09', 'envío por correo', [t('IdReceptor'), t('Direcciones'), t('Asunto'), t('Mensaje'), k('flag', 'Adjuntar')], true),
  '99': rec('99', 'fin', [k('entero', 'NumeroLineas', true)], true),
};

/** DR/P taxes of the Pagos 2.0 records: 1 key (tax group of a DoctoRelacionado, or pago id) · 2 Base · 3 Impuesto · 4 TipoFactor · 5 TasaOCuota · 6 Importe. */
const impuestoPago = (clave: string, sufijo: string): FieldSpec[] => [
  t(clave, true),
  n(`Base${sufijo}`),
  k('impuesto', `Impuesto${sufijo}`, true),
  k('factor', `TipoFactor${sufijo}`),
  k('tasa', `TasaOCuota${sufijo}`),
  n(`Importe${sufijo}`),
];

/**
 * Pagos 2.0 (docs/layouts.md, "Payment receipts"): named records; IDs are matched
 * without regard to case (`compPagos` = `COMPPAGOS`). Retention records are our extension.
 */
export const RECORDS_PAGOS: Record<string, RecordSpec> = {
  COMPPAGOS: rec('COMPPAGOS', 'pago', [
    t('IdPago', true), t('Version'), k('fecha', 'FechaPago', true), t('FormaDePagoP', true), t('MonedaP', true), n('TipoCambioP'), n('Monto'),
    t('NumOperacion'), t('RfcEmisorCtaOrd'), t('NomBancoOrdExt'), t('CtaOrdenante'), t('RfcEmisorCtaBen'), t('CtaBeneficiario'),
    t('TipoCadPago'), t('CertPago'), t('CadPago'), t('SelloPago'),
  ]),
  COMPAGOSDOCTOREL: rec('COMPAGOSDOCTOREL', 'documento relacionado del pago', [
    t('IdPago', true), k('uuid', 'IdDocumento', true), t('Serie'), t('Folio'), t('MonedaDR'), n('EquivalenciaDR'), k('entero', 'NumParcialidad'),
    n('ImpSaldoAnt'), n('ImpPagado'), n('ImpSaldoInsoluto'), t('ObjetoImpDR'), t('IdGrupoImpuestos'),
  ]),
  COMPAGOSIMPTRASLADOSDR: rec('COMPAGOSIMPTRASLADOSDR', 'traslado del documento relacionado', impuestoPago('IdGrupoImpuestos', 'DR')),
  COMPAGOSIMPRETENCIONESDR: rec('COMPAGOSIMPRETENCIONESDR', 'retención del documento relacionado', impuestoPago('IdGrupoImpuestos', 'DR')),
  COMPAGOSIMPTRASLADOSP: rec('COMPAGOSIMPTRASLADOSP', 'traslado del pago', impuestoPago('IdPago', 'P')),
  COMPAGOSIMPRETENCIONESP: rec('COMPAGOSIMPRETENCIONESP', 'retención del pago', [t('IdPago', true), k('impuesto', 'ImpuestoP', true), n('ImporteP')]),
  COMPTOTALES: rec('COMPTOTALES', 'totales de los pagos', [
    n('TotalRetencionesIVA'), n('TotalRetencionesISR'), n('TotalRetencionesIEPS'), n('TotalTrasladosBaseIVA16'), n('TotalTrasladosImpuestoIVA16'),
    n('TotalTrasladosBaseIVA8'), n('TotalTrasladosImpuestoIVA8'), n('TotalTrasladosBaseIVA0'), n('TotalTrasladosImpuestoIVA0'),
    n('TotalTrasladosBaseIVAExento'), n('MontoTotalPagos'),
  ], true),
};

export const RECORDS_40: Record<string, RecordSpec> = {
  '00': rec('00', 'encabezado', [t('IdDocumento'), t('TipoCfd'), t('Version')], true),
  '01': rec(
    '01',
    'comprobante',
    [
      ...comprobante17,
      t('TipoDeComprobante'),
      t('MetodoPago'),
      t('LugarExpedicion'),
      t('Confirmacion'),
      t('FormaPago'),
      t('CondicionesDePago'),
      t('Exportacion'),
      t('FacAtrAdquirente'),
    ],
    true,
  ),
  '02': rec('02', 'CFDI relacionados', [t('ClaveGrupo', true), t('TipoRelacion', true)]),
  '02A': rec('02A', 'CFDI relacionado', [t('ClaveGrupo'), k('uuid', 'UUID', true)]),
  '03': rec('03', 'receptor', [...receptor13, t('ResidenciaFiscal'), t('NumRegIdTrib'), t('UsoCFDI'), t('RegimenFiscalReceptor')], true),
  '05': rec('05', 'concepto', [
    t('ClaveProdServ'),
    t('NoIdentificacion'),
    n('Cantidad', true),
    t('Descripcion'),
    n('ValorUnitario', true),
    n('Importe'),
    t('Unidad'),
    t('ClaveUnidad'),
    n('Descuento'),
    t('ClaveConcepto'),
    t('ObjetoImp'),
  ]),
  '05C': rec('05C', 'traslado del concepto', impuestoConcepto),
  '05D': rec('05D', 'retención del concepto', impuestoConcepto),
  '05A': rec('05A', 'información aduanera del concepto', [t('ClaveConcepto'), t('NumeroPedimento', true)]),
  '05P': rec('05P', 'cuenta predial del concepto', [t('ClaveConcepto'), t('Numero', true)]),
  '05T': rec('05T', 'a cuenta de terceros', [
    t('ClaveConcepto'),
    t('RfcACuentaTerceros', true),
    t('NombreACuentaTerceros', true),
    t('RegimenFiscalACuentaTerceros', true),
    t('DomicilioFiscalACuentaTerceros', true),
  ]),
  '06': rec('06', 'impuesto trasladado', [k('impuesto', 'Impuesto', true), k('tasa', 'TasaOCuota'), n('Importe'), k('factor', 'TipoFactor'), n('Base')]),
  '07': common['07'],
  '08': rec('08', 'información global', [t('Periodicidad', true), t('Meses', true), t('Año', true)], true),
  '09': common['09'],
  ...RECORDS_PAGOS,
  '99': common['99'],
};

export const RECORDS_LEGACY: Record<string, RecordSpec> = {
  '00': rec('00', 'encabezado', [t('IdDocumento'), t('TipoCfd'), t('Version')], true),
  '01': rec('01', 'comprobante', comprobante17, true),
  '02': rec(
    '02',
    'condiciones de pago',
    [k('metodo', 'FormaDePago'), t('CondicionesDePago'), k('forma', 'MetodoDePago'), t('FechaVencimiento'), t('Leyenda')],
    true,
  ),
  '03': rec('03', 'receptor', [...receptor13, t('Telefono')], true),
  '05': rec('05', 'concepto', [
    t('CodigoProducto'),
    t('CodigoSecundario'),
    n('Cantidad', true),
    t('Descripcion'),
    n('ValorUnitario', true),
    n('Importe'),
    t('Unidad'),
    t('Categoria'),
    t('ReferenciaAdicional'),
  ]),
  '06': rec('06', 'impuesto trasladado', [k('impuesto', 'Impuesto', true), k('tasa', 'Tasa', true), n('Importe')]),
  '07': common['07'],
  '08': rec('08', 'información aduanera', [t('CodigoProducto', true), t('Aduana'), t('FechaPedimento'), t('NumeroPedimento')]),
  // Not in the legacy table: our e-mail extension works with both versions.
  '09': common['09'],
  '99': common['99'],
};

/** Records that exist only in version 4.0: their presence tells the version when 00 is missing. */
export const ONLY_40 = new Set(['02A', '05C', '05D', '05A', '05P', '05T', ...Object.keys(RECORDS_PAGOS)]);

export function fieldPosition(spec: RecordSpec | undefined, name: string): number | undefined {
  if (!spec) return undefined;
  const i = spec.fields.findIndex((f) => f.name === name);
  return i < 0 ? undefined : i + 1;
}
