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

// ── issue 10 (a10): random documents in the xsa 4.0 layout, as an integrator sends them ──
//
// Each case says what must come out, from the independent oracle (oracle.ts) and the
// clock: the amounts of the stamped CFDI, or the exact error codes. Mixed on purpose:
// declared and computed totals, 06/07 present or absent (each on its own), IEPS + IVA,
// retentions, Exento, discounts, currencies with 0/2/3 decimals, non-BMP text, the
// client's Serie/Folio (some repeated), Fechas around now and the 72-hour edge, tipo P.

import { oracleAmounts, type ConceptSpec, type OracleAmounts, type TaxSpec } from './oracle.ts';
import { localFecha } from '../../src/cfdi/fecha.ts';

/** The sucursal's postal code of the flow's tenant (Pachuca, UTC−6). */
export const LAYOUT_CP = '42501';

export interface LayoutCase {
  text: string;
  /** Error codes the GET must answer, sorted; empty: the CFDI is stamped. */
  expectErrors: string[];
  /** For a stamped CFDI: what its XML must carry. */
  serie?: string;
  folio?: string;
  fecha?: string;
  moneda: string;
  descripciones: string[];
  amounts: OracleAmounts;
  /** The earlier case whose Serie-Folio this one repeats. */
  repeats?: number;
  /** What the case exercises, so a run can show it covered the mix. */
  features: string[];
}

const LAYOUT_WORDS = ['Café', 'niño', 'ÑANDÚ', 'pingüino', 'Größe', '€uro', '“comillas”', 'A&B', '<tag>', '"dobles"', "'simples'", '100%', '¿qué?', '日本', '🙂', '🎂', '𝄞 clave', '𠜎', 'dos  espacios'];
const layoutText = (r: Rng, n: number) => Array.from({ length: int(r, 1, n) }, () => pick(r, LAYOUT_WORDS)).join(' ');

const IVA16: TaxSpec = { impuesto: '002', factor: 'Tasa', tasa: '0.160000' };
const TAX_SETS: Array<{ traslados: TaxSpec[]; retenciones: TaxSpec[] }> = [
  { traslados: [IVA16], retenciones: [] },
  { traslados: [{ impuesto: '002', factor: 'Tasa', tasa: '0.000000' }], retenciones: [] },
  { traslados: [{ impuesto: '002', factor: 'Exento' }], retenciones: [] },
  { traslados: [{ impuesto: '003', factor: 'Tasa', tasa: '0.265000' }, IVA16], retenciones: [] },
  { traslados: [IVA16, { impuesto: '003', factor: 'Tasa', tasa: '0.080000' }], retenciones: [] },
  { traslados: [{ impuesto: '003', factor: 'Cuota', tasa: '0.591100' }, IVA16], retenciones: [] },
  { traslados: [IVA16], retenciones: [{ impuesto: '001', factor: 'Tasa', tasa: '0.100000' }, { impuesto: '002', factor: 'Tasa', tasa: '0.106667' }] },
  { traslados: [IVA16], retenciones: [{ impuesto: '001', factor: 'Tasa', tasa: '0.012500' }] },
  { traslados: [{ impuesto: '003', factor: 'Tasa', tasa: '0.265000' }, IVA16], retenciones: [{ impuesto: '002', factor: 'Tasa', tasa: '0.106667' }] },
];
const TAX_NAME = { '001': 'ISR', '002': 'IVA', '003': 'IEPS' } as const;

/** Minutes from now of a declared Fecha, and whether a PAC takes it (the edges to the second). */
const FECHAS: Array<[seconds: number, code?: string]> = [
  [-3600], [-60], [0], [4 * 60], [-72 * 3600], [-72 * 3600 + 1], [-72 * 3600 - 1, 'GEN_FECHA_VENCIDA'], [-10 * 86400, 'GEN_FECHA_VENCIDA'],
  [5 * 60 + 1, 'GEN_FECHA_FUTURA'], [2 * 3600, 'GEN_FECHA_FUTURA'], [86400, 'GEN_FECHA_FUTURA'],
];

const line = (id: string, fields: Array<string | undefined>) => `|${id}|${fields.map((f) => f ?? '').join('|')}|`;

/**
 * Case `k` of a run: `now` is the service clock; `earlier` the cases already made (a few
 * repeat the Serie-Folio of an earlier stamped one). `tag` keeps Serie-Folios of
 * different runs on one database apart.
 */
export function randomLayoutCase(r: Rng, k: number, now: Date, earlier: LayoutCase[], tag: string): LayoutCase {
  const pago = chance(r, 0.03);
  const moneda = pago ? 'XXX' : pick(r, ['MXN', 'MXN', 'MXN', 'USD', 'JPY', 'BHD']);
  const dm = MONEDA_DECIMALES[moneda];
  const expect = new Set<string>();
  const specs: ConceptSpec[] = [];
  const records: string[] = [];
  const descripciones: string[] = [];
  const n = pago ? 1 : int(r, 1, 5);
  for (let i = 0; i < n; i++) {
    const key = `K${i + 1}`;
    const descripcion = pago ? 'Pago' : layoutText(r, 5);
    descripciones.push(descripcion);
    if (pago) {
      specs.push({ cantidad: '1', valorUnitario: '0', traslados: [], retenciones: [] });
      records.push(line('05', ['84111506', undefined, '1', descripcion, '0', undefined, undefined, 'ACT', undefined, key, '01']));
      continue;
    }
    const cantidad = amount(r, 30, int(r, 0, 3)).replace(/^0(\.0*)?$/, '1');
    let valorUnitario = amount(r, 5000, int(r, 0, 4));
    if (new Dec(cantidad).times(valorUnitario).lt(1)) valorUnitario = new Dec(valorUnitario).plus(1).toFixed();
    const gravado = chance(r, 0.85);
    const taxes = gravado ? pick(r, TAX_SETS) : { traslados: [], retenciones: [] };
    const importe = new Dec(cantidad).times(valorUnitario).toDecimalPlaces(dm, Dec.ROUND_HALF_UP);
    const descuento = chance(r, 0.25) ? importe.times(r() * 0.5).toDecimalPlaces(dm, Dec.ROUND_DOWN) : undefined;
    const spec: ConceptSpec = { cantidad, valorUnitario, traslados: taxes.traslados, retenciones: taxes.retenciones };
    if (descuento?.gt(0)) spec.descuento = descuento.toFixed(dm);
    specs.push(spec);
    const declaredImporte = chance(r, 0.3) ? importe.toFixed(dm) : undefined;
    records.push(line('05', ['01010101', chance(r, 0.5) ? layoutText(r, 2) : undefined, cantidad, descripcion, valorUnitario, declaredImporte, chance(r, 0.5) ? 'Pieza' : undefined, 'H87', spec.descuento, key, gravado ? '02' : '01']));
    for (const t of taxes.traslados) records.push(line('05C', [chance(r, 0.5) ? key : undefined, undefined, TAX_NAME[t.impuesto], t.factor, t.tasa, undefined]));
    for (const t of taxes.retenciones) records.push(line('05D', [chance(r, 0.5) ? key : undefined, undefined, TAX_NAME[t.impuesto], t.factor, t.tasa, undefined]));
  }
  const a = oracleAmounts(specs, dm);

  // Document taxes: 06 and 07 each present or absent; totals of 01 declared or not, rarely wrong.
  const taxRecords: string[] = [];
  if (a.traslados.length && chance(r, 0.4)) {
    for (const t of a.traslados) taxRecords.push(line('06', [TAX_NAME[t.impuesto], t.tasa, t.importe, t.factor, t.base]));
  }
  if (a.retenciones.length && chance(r, 0.4)) for (const t of a.retenciones) taxRecords.push(line('07', [TAX_NAME[t.impuesto], t.importe]));
  let totalTras = chance(r, 0.5) ? a.totalTrasladados : undefined;
  const totalRet = chance(r, 0.5) ? a.totalRetenidos : undefined;
  let total = chance(r, 0.5) ? a.total : undefined;
  if (a.totalTrasladados !== undefined && chance(r, 0.05)) {
    // Declared wrong by one unit of the currency, with a Total that agrees with it: only CFDI40205 is broken.
    const unit = new Dec(1).dividedBy(new Dec(10).pow(dm));
    totalTras = new Dec(a.totalTrasladados).plus(unit).toFixed(dm);
    total = new Dec(a.total).plus(unit).toFixed(dm);
    expect.add('CFDI40205');
  }
  const subTotal = chance(r, 0.5) ? a.subTotal : undefined;

  // Fecha: absent (now), or around now and the 72-hour edge.
  let fecha: string | undefined;
  if (chance(r, 0.5)) {
    const [seconds, code] = pick(r, FECHAS);
    fecha = localFecha(new Date(now.getTime() + seconds * 1000), 'America/Mexico_City');
    if (code) expect.add(code);
  }
  if (pago) expect.add('GEN_PAGOS_SIN_COMPLEMENTO');

  // Serie/Folio: the client's (both, one, or none); a few repeat an earlier stamped case's.
  let serie: string | undefined;
  let folio: string | undefined;
  let repeats: number | undefined;
  const stampedBefore = earlier.flatMap((e, i) => (e.expectErrors.length === 0 && e.folio !== undefined && e.repeats === undefined ? [i] : []));
  if (stampedBefore.length && chance(r, 0.04)) {
    repeats = pick(r, stampedBefore);
    ({ serie, folio } = earlier[repeats]);
  } else if (chance(r, 0.6)) {
    if (chance(r, 0.8)) serie = pick(r, ['ERP', 'Ñ-1', 'A&B', '<S>', '🎂']) + tag;
    if (chance(r, 0.8)) folio = `${k}-${int(r, 1, 999999)}`;
  }
  const expectErrors = expect.size ? [...expect].sort() : repeats !== undefined ? ['GEN_FOLIO_DUPLICADO'] : [];
  const features = [`moneda ${moneda}`, ...expectErrors.map((e) => `error ${e}`)];
  const all = specs.flatMap((x) => x.traslados);
  if (specs.some((x) => x.traslados.some((t) => t.impuesto === '003') && x.traslados.some((t) => t.impuesto === '002'))) features.push('IEPS + IVA');
  if (all.some((t) => t.factor === 'Cuota')) features.push('IEPS Cuota');
  if (all.some((t) => t.factor === 'Exento')) features.push('Exento');
  if (specs.some((x) => x.retenciones.length)) features.push('retenciones');
  if (specs.some((x) => x.descuento)) features.push('Descuento');
  if (a.traslados.length) features.push(taxRecords.some((t) => t.startsWith('|06|')) ? '06 declared' : '06 absent');
  if (a.retenciones.length) features.push(taxRecords.some((t) => t.startsWith('|07|')) ? '07 declared' : '07 absent');
  if ((totalTras ?? totalRet) !== undefined && !taxRecords.length) features.push('totals declared without 06/07');
  if (subTotal !== undefined || total !== undefined) features.push('SubTotal/Total declared');
  if (descripciones.some((d) => /[\u{10000}-\u{10FFFF}]/u.test(d))) features.push('non-BMP text');
  if (fecha === undefined) features.push('Fecha absent');
  else if (fecha === localFecha(new Date(now.getTime() - 72 * 3_600_000), 'America/Mexico_City')) features.push('Fecha exactly 72 h old');
  else features.push('Fecha declared');
  if (folio !== undefined) features.push(serie !== undefined ? 'client Serie+Folio' : 'client Folio only');
  else if (serie !== undefined) features.push('client Serie only');

  const head = [
    line('00', [`conf-${tag}-${k}`, 'FAC', '4.0']),
    line('01', [String(k), serie, folio, fecha, subTotal, total, totalTras, totalRet, undefined, undefined, undefined, moneda,
      moneda === 'MXN' || moneda === 'XXX' ? undefined : pick(r, ['17.2500', '0.1234', '48.5']), undefined, undefined, undefined, undefined,
      pago ? 'P' : 'I', pago ? undefined : 'PUE', undefined, undefined, pago ? undefined : '03', undefined, '01', undefined]),
    line('03', ['URE180429TM6', 'URE180429TM6', 'UNIVERSIDAD ROBOTICA ESPAÑOLA', 'MÉXICO', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, '86991', undefined, undefined, pago ? 'CP01' : 'G03', '601']),
  ];
  const body = [...head, ...records, ...taxRecords];
  const text = [...body, line('99', [String(body.length + 1)])].join('\n');
  return {
    text,
    expectErrors,
    // What the stamped XML carries: the client's values, else the tipo's serie (the flow's tenant uses "F").
    serie: serie ?? 'F',
    folio,
    fecha,
    moneda,
    descripciones,
    amounts: a,
    repeats,
    features,
  };
}
