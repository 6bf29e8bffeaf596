/**
 * The total in Spanish words as Mexican invoices print it:
 * `CUARENTA Y TRES MIL CUATROCIENTOS VEINTIOCHO PESOS 14/100 M.N.`
 *
 * Hand-written because no npm package gets the invoice format right (apocopated UN /
 * VEINTIÚN before a noun, "DE" after exact millions, singular PESO, `NN/100` suffix).
 * The integer part is a BigInt, so any Total the XSD allows is exact.
 */

const UNIDADES = [
  '', 'UN', 'DOS', 'TRES', 'CUATRO', 'CINCO', 'SEIS', 'SIETE', 'OCHO', 'NUEVE',
  'DIEZ', 'ONCE', 'DOCE', 'TRECE', 'CATORCE', 'QUINCE', 'DIECISÉIS', 'DIECISIETE', 'DIECIOCHO', 'DIECINUEVE',
  'VEINTE', 'VEINTIÚN', 'VEINTIDÓS', 'VEINTITRÉS', 'VEINTICUATRO', 'VEINTICINCO', 'VEINTISÉIS', 'VEINTISIETE',
  'VEINTIOCHO', 'VEINTINUEVE',
];
const DECENAS = ['', '', '', 'TREINTA', 'CUARENTA', 'CINCUENTA', 'SESENTA', 'SETENTA', 'OCHENTA', 'NOVENTA'];
const CENTENAS = [
  '', 'CIENTO', 'DOSCIENTOS', 'TRESCIENTOS', 'CUATROCIENTOS', 'QUINIENTOS', 'SEISCIENTOS', 'SETECIENTOS',
  'OCHOCIENTOS', 'NOVECIENTOS',
];
/** Long scale: each step is 10^6 (millón, billón = 10^12, trillón = 10^18). */
const ESCALAS: Array<[string, string]> = [['MILLÓN', 'MILLONES'], ['BILLÓN', 'BILLONES'], ['TRILLÓN', 'TRILLONES']];

/** Currency nouns (singular, plural) and the suffix printed after the cents. */
interface Moneda { singular: string; plural: string; sufijo: string }
const MONEDAS: Record<string, Moneda> = {
  MXN: { singular: 'PESO', plural: 'PESOS', sufijo: 'M.N.' },
  USD: { singular: 'DÓLAR', plural: 'DÓLARES', sufijo: 'USD' },
  EUR: { singular: 'EURO', plural: 'EUROS', sufijo: 'EUR' },
  CAD: { singular: 'DÓLAR CANADIENSE', plural: 'DÓLARES CANADIENSES', sufijo: 'CAD' },
  JPY: { singular: 'YEN', plural: 'YENES', sufijo: 'JPY' },
  CHF: { singular: 'FRANCO SUIZO', plural: 'FRANCOS SUIZOS', sufijo: 'CHF' },
};

/** 0 < n < 1000, apocopated (the number always precedes a noun). */
function centenas(n: number): string {
  if (n === 100) return 'CIEN';
  const c = Math.floor(n / 100);
  const r = n % 100;
  const parts: string[] = [];
  if (c > 0) parts.push(CENTENAS[c]);
  if (r > 0 && r < 30) parts.push(UNIDADES[r]);
  else if (r >= 30) {
    const d = Math.floor(r / 10);
    const u = r % 10;
    parts.push(u === 0 ? DECENAS[d] : `${DECENAS[d]} Y ${UNIDADES[u]}`);
  }
  return parts.join(' ');
}

/** 0 < n < 1,000,000. */
function miles(n: number): string {
  const m = Math.floor(n / 1000);
  const r = n % 1000;
  const parts: string[] = [];
  if (m === 1) parts.push('MIL');
  else if (m > 1) parts.push(`${centenas(m)} MIL`);
  if (r > 0) parts.push(centenas(r));
  return parts.join(' ');
}

/** The integer in words, apocopated (`UN`, `VEINTIÚN`, `CIENTO UN`); `CERO` for 0. */
export function enteroConLetra(n: bigint): string {
  if (n < 0n) throw new RangeError('negative amount');
  if (n === 0n) return 'CERO';
  const groups: number[] = [];
  for (let x = n; x > 0n; x /= 1_000_000n) groups.push(Number(x % 1_000_000n));
  if (groups.length > ESCALAS.length + 1) throw new RangeError(`amount too large: ${n}`);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    if (i === 0) parts.push(miles(g));
    else {
      const [uno, varios] = ESCALAS[i - 1];
      parts.push(g === 1 ? `UN ${uno}` : `${miles(g)} ${varios}`);
    }
  }
  return parts.join(' ');
}

/**
 * `total` is a decimal string as written in the CFDI (`"43428.14"`, `"100"`,
 * `"0.005"`); cents are rounded half-up to two digits. `moneda` is the c_Moneda code.
 */
export function importeConLetra(total: string, moneda: string): string {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(total);
  if (!m) throw new RangeError(`not a non-negative decimal amount: "${total}"`);
  const frac = (m[2] ?? '').padEnd(3, '0');
  // Scaled to cents, rounded half-up on the third decimal (the rest cannot change it).
  let cents = BigInt(m[1]) * 100n + BigInt(frac.slice(0, 2));
  if (frac.charCodeAt(2) >= 0x35 /* '5' */) cents += 1n;
  const entero = cents / 100n;
  const centavos = String(cents % 100n).padStart(2, '0');

  const words = enteroConLetra(entero);
  const known = MONEDAS[moneda];
  if (!known) return `${words} ${centavos}/100 ${moneda}`;
  const noun = entero === 1n ? known.singular : known.plural;
  // "UN MILLÓN DE PESOS", "DOS MILLONES DE PESOS", but "UN MILLÓN UN PESOS".
  const de = entero > 0n && entero % 1_000_000n === 0n ? ' DE' : '';
  return `${words}${de} ${noun} ${centavos}/100 ${known.sufijo}`;
}
