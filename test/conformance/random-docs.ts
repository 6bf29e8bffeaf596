/**
 * Seeded generator of varied CFDI 4.0 drafts for the conformance test: quantities and
 * prices with 0–6 decimals, discounts, Tasa/Cuota/Exento traslados, retentions,
 * currencies with 0/2/3 decimals, non-ASCII and XML-special text with whitespace runs,
 * InformacionGlobal, CfdiRelacionados, InformacionAduanera, ACuentaTerceros,
 * CuentaPredial, Parte. Values respect the SAT schema (so xmllint is a real check of
 * our writer, not of the generator).
 */
import type { ComprobanteDraft, ConceptoDraft, RetencionConceptoDraft, TrasladoConceptoDraft } from '../../src/cfdi/draft.ts';
import type { Emisor } from '../../src/cfdi/model.ts';
import { Decimal as Dec } from 'decimal.js';

export type Rng = () => number;

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MONEDA_DECIMALES: Record<string, number> = { MXN: 2, USD: 2, EUR: 2, JPY: 0, BHD: 3, XXX: 0 };

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number) => r() < p;

/** A positive decimal with `dec` decimals written (trailing zeros kept). */
function amount(r: Rng, maxInt: number, dec: number): string {
  for (;;) {
    const i = int(r, 0, maxInt);
    let s = String(i);
    if (dec > 0) s += '.' + Array.from({ length: dec }, () => int(r, 0, 9)).join('');
    if (/[1-9]/.test(s)) return s;
  }
}

const WORDS = ['Café', 'niño', 'ÑANDÚ', 'pingüino', 'acción', 'Größe', '€uro', '“comillas”', 'A&B', '<tag>', '"dobles"', "'simples'", '>', 'x|y'.replace('|', '/'), '100%', 'año', 'línea', '¿qué?', '¡sí!', 'Œuvre', '日本', '🙂', 'TAB\tTAB', 'LF\nLF', 'CRLF\r\nCRLF', 'dos  espacios', 'nbsp\u00a0nbsp'];

/** Text with special characters and whitespace runs, never only whitespace. */
function text(r: Rng, maxWords: number): string {
  const n = int(r, 1, maxWords);
  let s = chance(r, 0.2) ? pick(r, [' ', '  ', '\t', '\n ']) : '';
  for (let k = 0; k < n; k++) s += (k ? pick(r, [' ', ' ', ' ', '   ', '\t', ' \n ']) : '') + pick(r, WORDS);
  if (chance(r, 0.2)) s += pick(r, [' ', '   ', '\n']);
  return s;
}

const RECEPTORES = [
  { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', RegimenFiscalReceptor: '616', UsoCFDI: 'S01', publico: true },
  { Rfc: 'IIA040805DZ4', Nombre: 'INDISTRIA ILUMINADORA DE ALMACENES', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' },
  { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscalReceptor: '612', UsoCFDI: 'G01' },
  { Rfc: 'H&E951128469', Nombre: 'HERRERÍA & ELECTRICOS', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' },
  { Rfc: 'MAÑ8001016A2', Nombre: 'MAÑANITAS <DEL> "NORTE"', RegimenFiscalReceptor: '601', UsoCFDI: 'I01' },
];

const TRASLADOS: Array<Omit<TrasladoConceptoDraft, 'Base' | 'Importe'>> = [
  { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' },
  { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.080000' },
  { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.000000' },
  { Impuesto: '002', TipoFactor: 'Exento' },
  { Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '0.265000' },
  { Impuesto: '003', TipoFactor: 'Cuota', TasaOCuota: '0.591100' },
];
const RETENCIONES: Array<Omit<RetencionConceptoDraft, 'Base' | 'Importe'>> = [
  { Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' },
  { Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.012500' },
  { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' },
];

function uuid(r: Rng): string {
  const h = () => int(r, 0, 15).toString(16).toUpperCase();
  const g = (n: number) => Array.from({ length: n }, h).join('');
  return `${g(8)}-${g(4)}-4${g(3)}-A${g(3)}-${g(12)}`;
}

function pedimento(r: Rng): string {
  const d = (n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('');
  return `${d(2)}  ${d(2)}  ${d(4)}  ${d(7)}`;
}

export type FullDraft = ComprobanteDraft & { Fecha: string; LugarExpedicion: string; Emisor: Emisor };

export function randomDraft(r: Rng, emisor: Emisor): FullDraft {
  const tipo = chance(r, 0.06) ? 'T' : chance(r, 0.15) ? 'E' : 'I';
  const moneda = tipo === 'T' ? 'XXX' : pick(r, ['MXN', 'MXN', 'USD', 'EUR', 'JPY', 'BHD']);
  const dm = MONEDA_DECIMALES[moneda];
  const receptor = tipo === 'T' ? RECEPTORES[1] : pick(r, RECEPTORES);
  const cp = String(int(r, 10000, 99999));
  const conceptos: ConceptoDraft[] = [];
  const n = int(r, 1, 8);
  for (let k = 0; k < n; k++) {
    let Cantidad = amount(r, 50, int(r, 0, 6));
    let ValorUnitario = tipo === 'T' && chance(r, 0.5) ? '0' : amount(r, 20000, int(r, 0, 6));
    // Keep Importe ≥ 1 so a computed tax Base is never 0 (the schema wants Base > 0).
    if (ValorUnitario !== '0' && new Dec(Cantidad).times(ValorUnitario).lt(1)) {
      Cantidad = Cantidad.replace(/^\d+/, (m) => String(Number(m) + 1));
      ValorUnitario = ValorUnitario.replace(/^\d+/, (m) => String(Number(m) + 1));
    }
    const objeto = tipo === 'T' ? '01' : pick(r, ['02', '02', '02', '02', '01', '03']);
    const c: ConceptoDraft = {
      ClaveProdServ: String(int(r, 10000000, 95000000)),
      Cantidad,
      ClaveUnidad: pick(r, ['H87', 'E48', 'ACT', 'KGM', 'LTR']),
      Descripcion: text(r, 6),
      ValorUnitario,
      ObjetoImp: objeto,
      InformacionAduanera: [],
      CuentaPredial: [],
      Parte: [],
    };
    if (chance(r, 0.5)) c.NoIdentificacion = text(r, 2).slice(0, 90);
    if (chance(r, 0.5)) c.Unidad = pick(r, ['Pieza', 'Servicio', 'Kilogramo ñ', 'Litro  &  más']);
    const importe = new Dec(Cantidad).times(ValorUnitario);
    if (chance(r, 0.1) && dm > 0) {
      // A declared Importe with 6 decimals: kept as written.
      c.Importe = importe.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed(6);
    }
    if (tipo !== 'T' && chance(r, 0.3) && importe.gt(1)) {
      const d = importe.times(r() * 0.9).toDecimalPlaces(dm, Dec.ROUND_DOWN);
      if (d.gt(0)) c.Descuento = d.toFixed(dm);
    }
    if (objeto === '02') {
      const traslados = [pick(r, TRASLADOS)];
      if (chance(r, 0.2)) traslados.push(TRASLADOS[4]);
      const retenciones = chance(r, 0.3) ? [pick(r, RETENCIONES)] : [];
      if (retenciones.length && chance(r, 0.3)) retenciones.push(RETENCIONES[2]);
      c.Impuestos = {
        Traslados: [...new Map(traslados.map((t) => [t.Impuesto + t.TipoFactor, { ...t }])).values()],
        Retenciones: [...new Map(retenciones.map((t) => [t.Impuesto, { ...t }])).values()],
      };
    }
    if (chance(r, 0.15)) {
      c.ACuentaTerceros = { RfcACuentaTerceros: 'CACX7605101P8', NombreACuentaTerceros: 'XOCHILT  CASAS & CHÁVEZ', RegimenFiscalACuentaTerceros: '612', DomicilioFiscalACuentaTerceros: String(int(r, 10000, 99999)) };
    }
    if (chance(r, 0.2)) c.InformacionAduanera = Array.from({ length: int(r, 1, 2) }, () => ({ NumeroPedimento: pedimento(r) }));
    if (chance(r, 0.15)) c.CuentaPredial = [{ Numero: 'CP' + int(r, 1000, 999999) }];
    if (chance(r, 0.1)) {
      c.Parte = [{ ClaveProdServ: String(int(r, 10000000, 95000000)), Cantidad: '1', Descripcion: text(r, 3), Unidad: 'pza', ValorUnitario: '1.50', Importe: '1.50', InformacionAduanera: chance(r, 0.5) ? [{ NumeroPedimento: pedimento(r) }] : [] }];
    }
    conceptos.push(c);
  }
  const d: FullDraft = {
    Fecha: `2025-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}T${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}`,
    LugarExpedicion: cp,
    Moneda: moneda,
    TipoDeComprobante: tipo,
    Exportacion: '01',
    Emisor: emisor,
    Receptor: {
      Rfc: receptor.Rfc,
      Nombre: receptor.Nombre,
      DomicilioFiscalReceptor: receptor.publico ? cp : String(int(r, 10000, 99999)),
      RegimenFiscalReceptor: receptor.RegimenFiscalReceptor,
      UsoCFDI: tipo === 'T' ? 'S01' : tipo === 'E' ? 'G02' : receptor.UsoCFDI,
    },
    CfdiRelacionados: [],
    Conceptos: conceptos,
  };
  if (chance(r, 0.6)) d.Serie = pick(r, ['A', 'FAC', 'Ñ-1', 'A&B', '<S>']);
  if (chance(r, 0.7)) d.Folio = String(int(r, 1, 99999999));
  if (tipo !== 'T') {
    d.MetodoPago = pick(r, ['PUE', 'PPD']);
    d.FormaPago = d.MetodoPago === 'PPD' ? '99' : pick(r, ['01', '03', '04', '28']);
    if (moneda !== 'MXN') d.TipoCambio = amount(r, 30, int(r, 0, 6));
    if (chance(r, 0.2)) d.CondicionesDePago = text(r, 4);
  }
  if (receptor.publico && tipo === 'I') d.InformacionGlobal = { Periodicidad: pick(r, ['01', '02', '04']), Meses: d.Fecha.slice(5, 7), Año: '2025' };
  if (tipo === 'E' || chance(r, 0.1)) {
    d.CfdiRelacionados = [{ TipoRelacion: tipo === 'E' ? '01' : '04', CfdiRelacionado: Array.from({ length: int(r, 1, 3) }, () => ({ UUID: uuid(r) })) }];
    if (chance(r, 0.3)) d.CfdiRelacionados.push({ TipoRelacion: '07', CfdiRelacionado: [{ UUID: uuid(r) }] });
  }
  if (chance(r, 0.03)) d.Confirmacion = 'Ab3D9';
  return d;
}
