/**
 * The Pagos 2.0 complement (`pago20:Pagos`, Pagos20.xsd), typed. Names are the SAT's
 * attribute and element names; amounts are decimal strings as written, like the rest of
 * the model (cfdi/model.ts).
 *
 * On a Comprobante the complement travels as the element `pago20:Pagos` in
 * `Complemento.otros` — exactly as read from XML, so the cadena and the writer give it
 * back byte for byte. `pagosDe(c)` (./element.ts) reads it as this typed model;
 * `pagosElement(p)` builds the element. On a draft it is the typed `ComprobanteDraft.Pagos`.
 */

export interface Pagos {
  Version: '2.0';
  Totales: Totales;
  Pago: Pago[];
}

export interface Totales {
  TotalRetencionesIVA?: string;
  TotalRetencionesISR?: string;
  TotalRetencionesIEPS?: string;
  TotalTrasladosBaseIVA16?: string;
  TotalTrasladosImpuestoIVA16?: string;
  TotalTrasladosBaseIVA8?: string;
  TotalTrasladosImpuestoIVA8?: string;
  TotalTrasladosBaseIVA0?: string;
  TotalTrasladosImpuestoIVA0?: string;
  TotalTrasladosBaseIVAExento?: string;
  MontoTotalPagos: string;
}

export interface Pago {
  FechaPago: string;
  FormaDePagoP: string;
  MonedaP: string;
  TipoCambioP?: string;
  Monto: string;
  NumOperacion?: string;
  RfcEmisorCtaOrd?: string;
  NomBancoOrdExt?: string;
  CtaOrdenante?: string;
  RfcEmisorCtaBen?: string;
  CtaBeneficiario?: string;
  TipoCadPago?: string;
  CertPago?: string;
  CadPago?: string;
  SelloPago?: string;
  DoctoRelacionado: DoctoRelacionado[];
  ImpuestosP?: ImpuestosP;
}

export interface DoctoRelacionado {
  IdDocumento: string;
  Serie?: string;
  Folio?: string;
  MonedaDR: string;
  EquivalenciaDR?: string;
  NumParcialidad: string;
  ImpSaldoAnt: string;
  ImpPagado: string;
  ImpSaldoInsoluto: string;
  ObjetoImpDR: string;
  ImpuestosDR?: ImpuestosDR;
}

export interface ImpuestoDR {
  BaseDR: string;
  ImpuestoDR: string;
  TipoFactorDR: string;
  /** Absent for an Exento traslado. */
  TasaOCuotaDR?: string;
  ImporteDR?: string;
}

export interface ImpuestosDR {
  RetencionesDR: ImpuestoDR[];
  TrasladosDR: ImpuestoDR[];
}

export interface RetencionP {
  ImpuestoP: string;
  ImporteP: string;
}

export interface TrasladoP {
  BaseP: string;
  ImpuestoP: string;
  TipoFactorP: string;
  TasaOCuotaP?: string;
  ImporteP?: string;
}

export interface ImpuestosP {
  RetencionesP: RetencionP[];
  TrasladosP: TrasladoP[];
}

/** Attribute order of each node, as Pagos20.xsd declares them (the writer's and the reader's). */
export const A_TOTALES = [
  'TotalRetencionesIVA', 'TotalRetencionesISR', 'TotalRetencionesIEPS',
  'TotalTrasladosBaseIVA16', 'TotalTrasladosImpuestoIVA16', 'TotalTrasladosBaseIVA8', 'TotalTrasladosImpuestoIVA8',
  'TotalTrasladosBaseIVA0', 'TotalTrasladosImpuestoIVA0', 'TotalTrasladosBaseIVAExento', 'MontoTotalPagos',
] as const;
export const A_PAGO = [
  'FechaPago', 'FormaDePagoP', 'MonedaP', 'TipoCambioP', 'Monto', 'NumOperacion', 'RfcEmisorCtaOrd', 'NomBancoOrdExt',
  'CtaOrdenante', 'RfcEmisorCtaBen', 'CtaBeneficiario', 'TipoCadPago', 'CertPago', 'CadPago', 'SelloPago',
] as const;
export const A_DOCTO = [
  'IdDocumento', 'Serie', 'Folio', 'MonedaDR', 'EquivalenciaDR', 'NumParcialidad', 'ImpSaldoAnt', 'ImpPagado', 'ImpSaldoInsoluto', 'ObjetoImpDR',
] as const;
export const A_IMPUESTO_DR = ['BaseDR', 'ImpuestoDR', 'TipoFactorDR', 'TasaOCuotaDR', 'ImporteDR'] as const;
export const A_RETENCION_P = ['ImpuestoP', 'ImporteP'] as const;
export const A_TRASLADO_P = ['BaseP', 'ImpuestoP', 'TipoFactorP', 'TasaOCuotaP', 'ImporteP'] as const;
