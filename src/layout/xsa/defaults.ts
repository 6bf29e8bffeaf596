/**
 * Defaults of a legacy tipo de CFD `FAC` (the seed's example): what a CFDI 4.0 needs
 * and a legacy document never says. An empresa can override every value per tipo.
 */
import type { TipoDefaults } from '../connector.ts';

/**
 * Unidad as clients write it → c_ClaveUnidad. Keys are compared without regard to
 * case. Only unambiguous units: anything else needs a product directory entry or a
 * ClaveUnidad in the document.
 */
export const unidadesComunes: Record<string, string> = {
  PZA: 'H87',
  PZ: 'H87',
  PIEZA: 'H87',
  PIEZAS: 'H87',
  KG: 'KGM',
  KILO: 'KGM',
  KILOGRAMO: 'KGM',
  G: 'GRM',
  GR: 'GRM',
  GRAMO: 'GRM',
  LT: 'LTR',
  L: 'LTR',
  LITRO: 'LTR',
  M: 'MTR',
  MT: 'MTR',
  METRO: 'MTR',
  M2: 'MTK',
  M3: 'MTQ',
  TON: 'TNE',
  CAJA: 'XBX',
  PAQUETE: 'XPK',
  PAQ: 'XPK',
  JUEGO: 'SET',
  KIT: 'KT',
  HORA: 'HUR',
  HR: 'HUR',
  DIA: 'DAY',
  MES: 'MON',
  SERVICIO: 'E48',
  SERV: 'E48',
  ACT: 'ACT',
  ACTIVIDAD: 'ACT',
};

export const legacyFacturaDefaults: TipoDefaults = {
  TipoDeComprobante: 'I',
  Exportacion: '01',
  UsoCFDI: 'G03',
  RegimenFiscalReceptor: '601',
  MetodoPago: 'PUE',
  // "Por definir": we cannot know how it was paid; legacy 02 names the real means.
  FormaPago: '99',
  ClaveProdServ: '01010101',
  ObjetoImp: '02',
  Moneda: 'MXN',
  taxProfile: { traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], retenciones: [] },
  unidades: unidadesComunes,
};
