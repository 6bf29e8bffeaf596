/**
 * The CFDI 4.0 model (Anexo 20). Property names are the XML attribute and element
 * names exactly as the SAT writes them, so a reader of the schema finds them here.
 *
 * Every amount is a decimal **string as written** (`"1.50"` is not `"1.5"`): the
 * cadena original takes values exactly as they appear in the XML, and money is never
 * a binary float. Arithmetic lives in `cfdi/amounts/`, on decimal values.
 *
 * Optional attributes are `undefined` when absent. Repeated nodes are arrays (empty
 * when absent); the XML writer omits an empty container.
 */

/** A generic XML element, for complements and addenda we carry without modelling. */
export interface XmlElement {
  /** Qualified name as written, e.g. `pago20:Pagos`. */
  name: string;
  /** Namespace URI of the element. */
  ns: string;
  /** Attributes in document order, as written (unescaped values). */
  attrs: Array<[string, string]>;
  children: XmlElement[];
  /**
   * Character data before the first child element (all of it for a leaf), whitespace
   * included. An element read from XML that has children always has it ('' when none):
   * the writer then gives its content back exactly, without indentation, because the
   * SAT stylesheet copies the text of complements it does not know into the cadena.
   */
  text?: string;
  /** Character data after this element, before its next sibling or its parent's end tag. */
  tail?: string;
}

export type TipoDeComprobante = 'I' | 'E' | 'T' | 'N' | 'P';

export interface Comprobante {
  Version: '4.0';
  Serie?: string;
  Folio?: string;
  /** `AAAA-MM-DDThh:mm:ss`, local time of LugarExpedicion, no offset. */
  Fecha: string;
  Sello?: string;
  FormaPago?: string;
  NoCertificado?: string;
  Certificado?: string;
  CondicionesDePago?: string;
  SubTotal: string;
  Descuento?: string;
  Moneda: string;
  TipoCambio?: string;
  Total: string;
  TipoDeComprobante: TipoDeComprobante | string;
  Exportacion: string;
  MetodoPago?: string;
  LugarExpedicion: string;
  Confirmacion?: string;
  InformacionGlobal?: InformacionGlobal;
  /** One node per TipoRelacion. */
  CfdiRelacionados: CfdiRelacionados[];
  Emisor: Emisor;
  Receptor: Receptor;
  Conceptos: Concepto[];
  Impuestos?: Impuestos;
  Complemento?: Complemento;
  /** Outside the seal; carried as written. */
  Addenda?: XmlElement[];
}

export interface InformacionGlobal {
  Periodicidad: string;
  Meses: string;
  Año: string;
}

export interface CfdiRelacionados {
  TipoRelacion: string;
  CfdiRelacionado: Array<{ UUID: string }>;
}

export interface Emisor {
  Rfc: string;
  Nombre: string;
  RegimenFiscal: string;
  FacAtrAdquirente?: string;
}

export interface Receptor {
  Rfc: string;
  Nombre: string;
  DomicilioFiscalReceptor: string;
  ResidenciaFiscal?: string;
  NumRegIdTrib?: string;
  RegimenFiscalReceptor: string;
  UsoCFDI: string;
}

export interface Concepto {
  ClaveProdServ: string;
  NoIdentificacion?: string;
  Cantidad: string;
  ClaveUnidad: string;
  Unidad?: string;
  Descripcion: string;
  ValorUnitario: string;
  Importe: string;
  Descuento?: string;
  ObjetoImp: string;
  Impuestos?: ConceptoImpuestos;
  ACuentaTerceros?: ACuentaTerceros;
  InformacionAduanera: InformacionAduanera[];
  CuentaPredial: CuentaPredial[];
  ComplementoConcepto?: XmlElement[];
  Parte: Parte[];
}

export interface ConceptoImpuestos {
  Traslados: TrasladoConcepto[];
  Retenciones: RetencionConcepto[];
}

export type TipoFactor = 'Tasa' | 'Cuota' | 'Exento';

export interface TrasladoConcepto {
  Base: string;
  Impuesto: string;
  TipoFactor: TipoFactor | string;
  /** Absent for Exento. */
  TasaOCuota?: string;
  /** Absent for Exento. */
  Importe?: string;
}

export interface RetencionConcepto {
  Base: string;
  Impuesto: string;
  TipoFactor: TipoFactor | string;
  TasaOCuota: string;
  Importe: string;
}

export interface ACuentaTerceros {
  RfcACuentaTerceros: string;
  NombreACuentaTerceros: string;
  RegimenFiscalACuentaTerceros: string;
  DomicilioFiscalACuentaTerceros: string;
}

export interface InformacionAduanera {
  NumeroPedimento: string;
}

export interface CuentaPredial {
  Numero: string;
}

export interface Parte {
  ClaveProdServ: string;
  NoIdentificacion?: string;
  Cantidad: string;
  Unidad?: string;
  Descripcion: string;
  ValorUnitario?: string;
  Importe?: string;
  InformacionAduanera: InformacionAduanera[];
}

export interface Impuestos {
  TotalImpuestosRetenidos?: string;
  TotalImpuestosTrasladados?: string;
  Retenciones: RetencionDocumento[];
  Traslados: TrasladoDocumento[];
}

export interface RetencionDocumento {
  Impuesto: string;
  Importe: string;
}

export interface TrasladoDocumento {
  Base: string;
  Impuesto: string;
  TipoFactor: TipoFactor | string;
  TasaOCuota?: string;
  Importe?: string;
}

export interface Complemento {
  TimbreFiscalDigital?: TimbreFiscalDigital;
  /**
   * Fiscal complements other than the TFD, in document order. A payment receipt's Pagos 2.0
   * complement is here as the element `pago20:Pagos` (namespace NS_PAGOS20), whether read
   * from XML or built by `cfdi/amounts` from `ComprobanteDraft.Pagos`; `pagosDe(c)` in
   * `cfdi/pagos/element.ts` gives it typed (undefined when the CFDI has none).
   */
  otros: XmlElement[];
}

export interface TimbreFiscalDigital {
  Version: '1.1';
  UUID: string;
  FechaTimbrado: string;
  RfcProvCertif: string;
  Leyenda?: string;
  SelloCFD: string;
  NoCertificadoSAT: string;
  SelloSAT: string;
}
