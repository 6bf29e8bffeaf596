/**
 * A small seeded PRNG (mulberry32) and generators of random drafts, for the property
 * and fuzz tests and the benchmark: the same seed always gives the same documents.
 */
import type { ComprobanteDraft, ConceptoDraft, RetencionConceptoDraft, TrasladoConceptoDraft } from '../cfdi/draft.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';

export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  maybe<T>(make: () => T, p = 0.5): T | undefined {
    return this.bool(p) ? make() : undefined;
  }
}

const ALPHABET = [...'ABCDEFGHIJKLMNÑOPQRSTUVWXYZabcdefghijklmnñopqrstuvwxyzÁÉÍÓÚáéíóúü0123456789 .,-&<>"\'#/()%$'];

/** Text as a client may write it: no `|`, no line breaks, no surrounding spaces. */
export function randomText(g: Prng, max = 30): string {
  let s = '';
  const n = g.int(1, max);
  for (let i = 0; i < n; i++) s += g.pick(ALPHABET);
  s = s.trim();
  return s === '' ? 'X' : s;
}

export function randomDecimal(g: Prng, maxInt = 100000, maxDecimals = 6): string {
  const i = String(g.int(0, maxInt));
  const d = g.int(0, maxDecimals);
  let frac = '';
  for (let k = 0; k < d; k++) frac += String(g.int(0, 9));
  return d ? `${i}.${frac}` : i;
}

const code = (g: Prng, alphabet: string, n: number) => Array.from({ length: n }, () => g.pick([...alphabet])).join('');
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';

function fecha(g: Prng): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${g.int(2000, 2030)}-${p(g.int(1, 12))}-${p(g.int(1, 28))}T${p(g.int(0, 23))}:${p(g.int(0, 59))}:${p(g.int(0, 59))}`;
}

function rate(g: Prng, tipoFactor: string): string {
  return tipoFactor === 'Cuota' ? `${g.int(0, 50)}.${code(g, DIGITS, 6)}` : `0.${g.pick(['0', '1', '2'])}${code(g, DIGITS, 5)}`;
}

function prune<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function traslado(g: Prng): TrasladoConceptoDraft {
  const tf = g.pick(['Tasa', 'Cuota', 'Exento']);
  return prune({
    Base: g.maybe(() => randomDecimal(g)),
    Impuesto: g.pick(['001', '002', '003']),
    TipoFactor: tf,
    TasaOCuota: tf === 'Exento' ? undefined : rate(g, tf),
    Importe: tf === 'Exento' ? undefined : g.maybe(() => randomDecimal(g)),
  });
}

function retencion(g: Prng): RetencionConceptoDraft {
  const tf = g.pick(['Tasa', 'Cuota']);
  return prune({ Base: g.maybe(() => randomDecimal(g)), Impuesto: g.pick(['001', '002', '003']), TipoFactor: tf, TasaOCuota: rate(g, tf), Importe: g.maybe(() => randomDecimal(g)) });
}

function concepto(g: Prng): ConceptoDraft {
  const tr = Array.from({ length: g.pick([0, 0, 1, 1, 2]) }, () => traslado(g));
  const re = Array.from({ length: g.pick([0, 0, 0, 1, 2]) }, () => retencion(g));
  return prune({
    ClaveProdServ: code(g, DIGITS, 8),
    NoIdentificacion: g.maybe(() => randomText(g, 20)),
    Cantidad: randomDecimal(g, 1000),
    ClaveUnidad: g.pick(['H87', 'E48', 'KGM', 'ACT', 'LTR']),
    Unidad: g.maybe(() => randomText(g, 20)),
    Descripcion: randomText(g, 60),
    ValorUnitario: randomDecimal(g),
    Importe: g.maybe(() => randomDecimal(g)),
    Descuento: g.maybe(() => randomDecimal(g, 100), 0.2),
    ObjetoImp: g.pick(['01', '02', '03', '04']),
    Impuestos: tr.length || re.length ? { Traslados: tr, Retenciones: re } : undefined,
    ACuentaTerceros: g.maybe(
      () => ({
        RfcACuentaTerceros: code(g, UPPER, 3) + code(g, DIGITS, 6) + code(g, UPPER + DIGITS, 3),
        NombreACuentaTerceros: randomText(g),
        RegimenFiscalACuentaTerceros: g.pick(['601', '612', '626']),
        DomicilioFiscalACuentaTerceros: code(g, DIGITS, 5),
      }),
      0.1,
    ),
    InformacionAduanera: Array.from({ length: g.pick([0, 0, 0, 1, 2]) }, () => ({ NumeroPedimento: `${code(g, DIGITS, 2)}  ${code(g, DIGITS, 2)}  ${code(g, DIGITS, 4)}  ${code(g, DIGITS, 7)}` })),
    CuentaPredial: Array.from({ length: g.pick([0, 0, 0, 1]) }, () => ({ Numero: code(g, DIGITS, 11) })),
    Parte: [],
  });
}

export interface RandomDocument {
  draft: ComprobanteDraft;
  printed: DatosImpresos;
}

/**
 * A random draft complete enough that no directory or default is needed, exactly as
 * the xsa parser would produce it (normalised values, absent keys omitted).
 */
export function randomDocument(g: Prng, conceptos?: number): RandomDocument {
  const n = conceptos ?? g.int(1, 8);
  const rfc = g.bool(0.5) ? code(g, UPPER, 3) + code(g, DIGITS, 6) + code(g, UPPER + DIGITS, 3) : code(g, UPPER, 4) + code(g, DIGITS, 6) + code(g, UPPER + DIGITS, 3);
  const cp = code(g, DIGITS, 5);
  const docTaxes = g.bool(0.4);
  const draft: ComprobanteDraft = prune({
    Version: '4.0' as const,
    Serie: g.maybe(() => code(g, UPPER, g.int(1, 5)), 0.3),
    Folio: g.maybe(() => code(g, DIGITS, g.int(1, 8)), 0.3),
    Fecha: g.maybe(() => fecha(g)),
    FormaPago: g.maybe(() => g.pick(['01', '02', '03', '04', '28', '99'])),
    CondicionesDePago: g.maybe(() => randomText(g), 0.3),
    SubTotal: g.maybe(() => randomDecimal(g)),
    Descuento: g.maybe(() => randomDecimal(g, 100), 0.2),
    Moneda: g.pick(['MXN', 'USD', 'EUR']),
    TipoCambio: g.maybe(() => randomDecimal(g, 30, 4), 0.3),
    Total: g.maybe(() => randomDecimal(g)),
    TipoDeComprobante: g.pick(['I', 'E', 'T', 'N', 'P']),
    Exportacion: g.pick(['01', '02', '03']),
    MetodoPago: g.maybe(() => g.pick(['PUE', 'PPD'])),
    Confirmacion: g.maybe(() => code(g, UPPER + DIGITS, 5), 0.1),
    InformacionGlobal: g.maybe(() => ({ Periodicidad: g.pick(['01', '02', '03', '04', '05']), Meses: g.pick(['01', '05', '12', '13']), Año: String(g.int(2022, 2027)) }), 0.2),
    CfdiRelacionados: Array.from({ length: g.pick([0, 0, 1, 2]) }, () => ({
      TipoRelacion: g.pick(['01', '02', '03', '04', '07']),
      CfdiRelacionado: Array.from({ length: g.int(0, 3) }, () => ({ UUID: `${code(g, HEX, 8)}-${code(g, HEX, 4)}-${code(g, HEX, 4)}-${code(g, HEX, 4)}-${code(g, HEX, 12)}` })),
    })),
    Emisor: g.maybe(() => ({ FacAtrAdquirente: code(g, DIGITS, 10) }), 0.1),
    Receptor: prune({
      Rfc: rfc,
      Nombre: randomText(g, 60),
      DomicilioFiscalReceptor: cp,
      ResidenciaFiscal: g.maybe(() => g.pick(['USA', 'CAN']), 0.1),
      NumRegIdTrib: g.maybe(() => code(g, DIGITS, 9), 0.1),
      RegimenFiscalReceptor: g.pick(['601', '603', '605', '612', '616', '626']),
      UsoCFDI: g.pick(['G01', 'G03', 'S01', 'CP01', 'I04']),
    }),
    Conceptos: Array.from({ length: n }, () => concepto(g)),
    Impuestos: docTaxes
      ? prune({
          TotalImpuestosTrasladados: g.maybe(() => randomDecimal(g)),
          TotalImpuestosRetenidos: g.maybe(() => randomDecimal(g)),
          Traslados: Array.from({ length: g.int(0, 2) }, () => {
            const t = traslado(g);
            return prune({ Base: t.Base, Impuesto: t.Impuesto, TipoFactor: t.TipoFactor, TasaOCuota: t.TasaOCuota, Importe: t.Importe });
          }),
          Retenciones: Array.from({ length: g.int(0, 2) }, () => prune({ Impuesto: g.pick(['001', '002', '003']), Importe: g.maybe(() => randomDecimal(g)) })),
        })
      : undefined,
  });
  const imp = draft.Impuestos;
  if (imp) {
    // The CFDI holds one row per traslado combination and per retención (LAYOUT_REPETIDO otherwise).
    const unique = <T>(rows: T[], key: (r: T) => string) => rows.filter((r, i) => rows.findIndex((x) => key(x) === key(r)) === i);
    imp.Traslados = unique(imp.Traslados, (t) => `${t.Impuesto}|${t.TipoFactor}|${t.TasaOCuota}`);
    imp.Retenciones = unique(imp.Retenciones, (r) => r.Impuesto);
  }
  // An empty Impuestos cannot be written in the layout: it means "none declared".
  if (imp && !imp.Traslados.length && !imp.Retenciones.length && imp.TotalImpuestosTrasladados === undefined && imp.TotalImpuestosRetenidos === undefined) {
    delete draft.Impuestos;
  }
  const printed: DatosImpresos = prune({
    referenciaCliente: g.maybe(() => randomText(g, 20)),
    tipoCfd: g.maybe(() => g.pick(['FAC', 'NC', 'HON'])),
    idInterno: g.maybe(() => code(g, DIGITS, 6)),
    motivoDescuento: g.maybe(() => randomText(g), 0.1),
    totalConLetra: g.maybe(() => randomText(g, 80), 0.2),
    referencia: g.maybe(() => randomText(g), 0.2),
    notas: Array.from({ length: g.int(0, 3) }, () => randomText(g)),
    domicilioReceptor: prune({
      pais: g.maybe(() => 'MÉXICO'),
      calle: g.maybe(() => randomText(g)),
      noExterior: g.maybe(() => code(g, DIGITS, 3)),
      colonia: g.maybe(() => randomText(g)),
      estado: g.maybe(() => randomText(g)),
      codigoPostal: cp,
    }),
    conceptos: Array.from({ length: n }, () => ({})),
    envio: g.maybe(
      () => prune({ receptor: g.maybe(() => rfc), direcciones: Array.from({ length: g.int(1, 3) }, () => `${code(g, 'abcdefgh', 6)}@example.com`), asunto: g.maybe(() => randomText(g)), mensaje: g.maybe(() => randomText(g)), adjuntar: g.bool() }),
      0.2,
    ),
  });
  return { draft, printed };
}
