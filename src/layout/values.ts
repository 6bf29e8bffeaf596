/**
 * Field value checks and normalisations shared by the connectors. Each returns the
 * normalised value, or an error kind that the caller turns into a LayoutError with
 * its own location (line/field for the text layout, JSON pointer for json).
 */
import { Decimal } from 'decimal.js';
import { unwritableChar, unwritableProblem } from '../cfdi/xml/chars.ts';
import { charLength, quoteValue } from '../shared/text.ts';

export type Checked = { ok: true; value: string } | { ok: false; code: string; problem: string };

const ok = (value: string): Checked => ({ ok: true, value });
const bad = (code: string, problem: string): Checked => ({ ok: false, code, problem });

/** Longest field we accept, in characters: far above any SAT attribute (Descripcion is 1,000). */
export const MAX_FIELD_LENGTH = 4096;

// Plain decimal as the SAT writes it: no sign other than '-', no exponent, no
// thousands separator. Amounts are copied to the XML as written.
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Digits we accept in a number; Decimal.js and the XML both cope, this only bounds work. */
const MAX_DECIMAL_LENGTH = 40;

export function checkDecimal(v: string): Checked {
  if (v.length > MAX_DECIMAL_LENGTH || !DECIMAL.test(v)) return bad('LAYOUT_NUMERO', 'no es un número');
  return ok(v);
}

const DATE_FULL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DDThh:mm:ss` or the seed's compact `YYYYMMDDThh:mm:ss`, checked to be a real date. */
export function checkFecha(v: string): Checked {
  const m = DATE_FULL.exec(v) ?? DATE_COMPACT.exec(v);
  if (!m) return bad('LAYOUT_FECHA', 'no es una fecha AAAA-MM-DDThh:mm:ss');
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > dim || h > 23 || mi > 59 || s > 59) {
    return bad('LAYOUT_FECHA', 'no es una fecha válida');
  }
  return ok(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`);
}

/** Any field: no character that XML 1.0 cannot carry (a control character would otherwise reach the XML writer). */
export function checkCaracteres(v: string): Checked {
  const cp = unwritableChar(v);
  return cp === undefined ? ok(v) : bad('LAYOUT_CARACTER', unwritableProblem(cp));
}

/** A printed date (legacy due date, pedimento date): kept as written, only bounded. */
export function checkTexto(v: string): Checked {
  // `length` counts UTF-16 units, never fewer than characters: the fast path.
  return v.length > MAX_FIELD_LENGTH && charLength(v) > MAX_FIELD_LENGTH ? bad('LAYOUT_LONGITUD', `tiene más de ${MAX_FIELD_LENGTH} caracteres`) : ok(v);
}

const IMPUESTOS = new Map([
  ['ISR', '001'],
  ['IVA', '002'],
  ['IEPS', '003'],
  ['001', '001'],
  ['002', '002'],
  ['003', '003'],
]);

/** `ISR`/`IVA`/`IEPS` or `001`/`002`/`003` → the c_Impuesto code. */
export function checkImpuesto(v: string): Checked {
  const code = IMPUESTOS.get(v) ?? (v.length <= 4 ? IMPUESTOS.get(v.toUpperCase()) : undefined);
  return code ? ok(code) : bad('LAYOUT_VALOR', 'no es un impuesto (ISR, IVA, IEPS, 001, 002 o 003)');
}

const FACTORES = new Map([
  ['TASA', 'Tasa'],
  ['CUOTA', 'Cuota'],
  ['EXENTO', 'Exento'],
]);

export function checkTipoFactor(v: string): Checked {
  if (v === 'Tasa' || v === 'Cuota' || v === 'Exento') return ok(v);
  const f = v.length <= 6 ? FACTORES.get(v.toUpperCase()) : undefined;
  return f ? ok(f) : bad('LAYOUT_VALOR', 'no es un TipoFactor (Tasa, Cuota o Exento)');
}

/**
 * TasaOCuota with six decimals, as c_TasaOCuota writes it. With TipoFactor Tasa a
 * value above 1 is a percentage (`16.00` → `0.160000`); a Cuota is an amount per
 * unit and is never divided. Extra decimals are rounded half-up.
 */
export function checkTasaOCuota(v: string, tipoFactor: string): Checked {
  const d = checkDecimal(v);
  if (!d.ok) return d;
  let x = new Decimal(v);
  if (x.isNegative()) return bad('LAYOUT_NUMERO', 'no puede ser negativa');
  if (tipoFactor !== 'Cuota' && x.greaterThan(1)) x = x.dividedBy(100);
  return ok(x.toFixed(6, Decimal.ROUND_HALF_UP));
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function checkUuid(v: string): Checked {
  return UUID.test(v) ? ok(v.toUpperCase()) : bad('LAYOUT_VALOR', 'no es un UUID');
}

export function checkFlag(v: string): Checked {
  return v === '1' || v === '0' ? ok(v) : bad('LAYOUT_VALOR', 'debe ser 1 o 0');
}

/** Upper case without accents, single spaces: how legacy words are compared. */
export function fold(v: string): string {
  return v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/\s+/g, ' ').trim();
}

const METODOS: Record<string, string> = {
  'PAGO EN UNA SOLA EXHIBICION': 'PUE',
  'UNA SOLA EXHIBICION': 'PUE',
  'PAGO EN PARCIALIDADES': 'PPD',
  'EN PARCIALIDADES': 'PPD',
  'PAGO EN PARCIALIDADES O DIFERIDO': 'PPD',
  PUE: 'PUE',
  PPD: 'PPD',
};

/** Legacy 02 field 1: payment form in words → MetodoPago. */
export function checkMetodoPagoTexto(v: string): Checked {
  const m = METODOS[fold(v)];
  return m ? ok(m) : bad('LAYOUT_VALOR', 'no es una forma de pago conocida (PAGO EN UNA SOLA EXHIBICIÓN, PAGO EN PARCIALIDADES, PUE o PPD)');
}

const FORMAS: Record<string, string> = {
  EFECTIVO: '01',
  CHEQUE: '02',
  'CHEQUE NOMINATIVO': '02',
  TRANSFERENCIA: '03',
  'TRANSFERENCIA ELECTRONICA': '03',
  'TRANSFERENCIA ELECTRONICA DE FONDOS': '03',
  'TARJETA DE CREDITO': '04',
  'TARJETA DE DEBITO': '28',
  'POR DEFINIR': '99',
  'NO IDENTIFICADO': '99',
};
const FORMA_CODE = /^\d{2}$/;

/** Legacy 02 field 3: payment means in words, or a c_FormaPago code → FormaPago. */
export function checkFormaPagoTexto(v: string): Checked {
  if (FORMA_CODE.test(v)) return ok(v);
  const f = FORMAS[fold(v)];
  return f ? ok(f) : bad('LAYOUT_VALOR', 'no es un medio de pago conocido (EFECTIVO, CHEQUE, TRANSFERENCIA, TARJETA DE CRÉDITO, TARJETA DE DÉBITO, POR DEFINIR o una clave de c_FormaPago)');
}

/** A value quoted for an error message, shortened so that a huge field cannot flood the response. */
export { quoteValue as quote };
