/**
 * The QR code of the verification URL, encoded here (ISO/IEC 18004: byte mode, error
 * correction M, mask pattern 0) and drawn as vector rectangles, sharp at any zoom.
 *
 * Why not the `qrcode` package at run time: it built the symbol bit by bit through generic
 * objects, ~0.15 ms per code, a sixth of a whole PDF. Here everything that depends only on
 * the version (function patterns, format and version bits, the order in which data bits
 * fill the modules, the mask) is computed once per version and thread; a code is then one
 * Reed–Solomon pass and a walk over that order. `qr.test.ts` checks every version against
 * the `qrcode` package (same version, level and mask → the same modules) and zbarimg decodes
 * the printed code in the rendering tests.
 */

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row by row, 1 for a dark module. */
  modules: Uint8Array;
}

/** Mask pattern used for every code: any mask decodes, and scoring all eight costs time. */
export const QR_MASK = 0;

/** Quiet zone on each side, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

// Level M, versions 1–40 (index 0 unused): error-correction codewords per block and blocks.
const EC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
  26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
  25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
/** Format bits of level M (binary 00). */
const LEVEL_M = 0;

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];

/** Modules available for data and error correction (everything but function patterns). */
function rawDataModules(ver: number): number {
  let n = (16 * ver + 128) * ver + 64;
  if (ver >= 2) {
    const align = Math.floor(ver / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (ver >= 7) n -= 36;
  }
  return n;
}

const dataCodewords = (ver: number) => Math.floor(rawDataModules(ver) / 8) - EC_PER_BLOCK[ver] * BLOCKS[ver];

/** Bytes a version holds in byte mode: 4-bit mode, 8- or 16-bit count, then the data. */
const byteCapacity = (ver: number) => Math.floor((dataCodewords(ver) * 8 - 4 - (ver < 10 ? 8 : 16)) / 8);

function alignmentPositions(ver: number): number[] {
  if (ver === 1) return [];
  const count = Math.floor(ver / 7) + 2;
  const step = Math.floor((ver * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
  const out = [6];
  for (let pos = ver * 4 + 10; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/** Reed–Solomon generator polynomial of `degree` (coefficients, highest first, leading 1 dropped). */
const generators = new Map<number, Uint8Array>();
function generator(degree: number): Uint8Array {
  let g = generators.get(degree);
  if (g) return g;
  g = new Uint8Array(degree);
  g[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      g[j] = mul(g[j], root) ^ (j + 1 < degree ? g[j + 1] : 0);
    }
    root = mul(root, 2);
  }
  generators.set(degree, g);
  return g;
}

/** The generator's coefficients as logarithms (none is 0 for a QR generator). */
const generatorLogs = new Map<number, Uint8Array>();
function generatorLog(degree: number): Uint8Array {
  let l = generatorLogs.get(degree);
  if (!l) {
    const g = generator(degree);
    if (g.includes(0)) throw new Error(`QR generator of degree ${degree} has a zero coefficient`);
    l = g.map((c) => LOG[c]);
    generatorLogs.set(degree, l);
  }
  return l;
}

function mul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The version-dependent part of a symbol, computed once per version. */
interface Template {
  ver: number;
  size: number;
  /** Function-pattern modules (dark = 1), format and version bits included; 0 elsewhere. */
  base: Uint8Array;
  /** Module indexes (y * size + x) of the data area in filling order. */
  order: Uint16Array;
  /** Mask value at each entry of `order`. */
  mask: Uint8Array;
}

const templates: Template[] = [];

function template(ver: number): Template {
  const cached = templates[ver];
  if (cached) return cached;
  const size = ver * 4 + 17;
  const base = new Uint8Array(size * size);
  const fn = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean) => { base[y * size + x] = dark ? 1 : 0; fn[y * size + x] = 1; };

  for (let i = 0; i < size; i++) { set(6, i, i % 2 === 0); set(i, 6, i % 2 === 0); }
  const finder = (cx: number, cy: number) => {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        set(x, y, d !== 2 && d !== 4);
      }
    }
  };
  finder(3, 3);
  finder(size - 4, 3);
  finder(3, size - 4);
  const align = alignmentPositions(ver);
  for (let i = 0; i < align.length; i++) {
    for (let j = 0; j < align.length; j++) {
      // Not over the three finder patterns.
      if ((i === 0 && j === 0) || (i === 0 && j === align.length - 1) || (i === align.length - 1 && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) set(align[i] + dx, align[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }

  // Format information: level and mask, BCH(15,5), XOR 0x5412.
  const data = (LEVEL_M << 3) | QR_MASK;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bit = (v: number, i: number) => ((v >>> i) & 1) !== 0;
  for (let i = 0; i <= 5; i++) set(8, i, bit(bits, i));
  set(8, 7, bit(bits, 6));
  set(8, 8, bit(bits, 7));
  set(7, 8, bit(bits, 8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(bits, i));
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(bits, i));
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(bits, i));
  set(8, size - 8, true); // the dark module

  if (ver >= 7) {
    let r = ver;
    for (let i = 0; i < 12; i++) r = (r << 1) ^ ((r >>> 11) * 0x1f25);
    const v = (ver << 12) | r;
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      set(a, b, bit(v, i));
      set(b, a, bit(v, i));
    }
  }

  // Data fills two-module columns right to left, zigzagging up and down, skipping column 6.
  const order: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const y = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const idx = y * size + right - j;
        if (!fn[idx]) order.push(idx);
      }
    }
  }
  const mask = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const x = order[i] % size;
    const y = (order[i] - x) / size;
    mask[i] = (x + y) % 2 === 0 ? 1 : 0; // mask pattern 0
  }
  const t: Template = { ver, size, base, order: Uint16Array.from(order), mask };
  templates[ver] = t;
  return t;
}

/** The final codewords: data with mode, count, terminator and padding; blocks interleaved with their EC. */
function codewords(data: Uint8Array, ver: number): Uint8Array {
  const nData = dataCodewords(ver);
  const buf = new Uint8Array(nData);
  // Bits are gathered in `acc` and flushed a byte at a time (len ≤ 16, so acc < 2^24).
  let acc = 0;
  let nbits = 0;
  let k = 0;
  const put = (value: number, len: number) => {
    acc = (acc << len) | value;
    nbits += len;
    while (nbits >= 8) {
      nbits -= 8;
      buf[k++] = (acc >>> nbits) & 0xff;
    }
    acc &= (1 << nbits) - 1;
  };
  put(0b0100, 4);
  put(data.length, ver < 10 ? 8 : 16);
  for (let i = 0; i < data.length; i++) put(data[i], 8);
  // Terminator: up to four 0 bits, then zeros to the byte boundary; then the pad bytes.
  if (k < nData) put(0, Math.min(4, (nData - k) * 8 - nbits));
  if (nbits > 0) put(0, 8 - nbits);
  for (let pad = 0xec; k < nData; pad ^= 0xec ^ 0x11) buf[k++] = pad;

  const blocks = BLOCKS[ver];
  const ecLen = EC_PER_BLOCK[ver];
  const rawCodewords = Math.floor(rawDataModules(ver) / 8);
  const shortBlocks = blocks - (rawCodewords % blocks);
  const shortLen = Math.floor(rawCodewords / blocks) - ecLen; // data codewords of a short block
  const genLog = generatorLog(ecLen);
  const out = new Uint8Array(rawCodewords);
  const ec = new Uint8Array(ecLen);
  for (let b = 0, start = 0; b < blocks; b++) {
    const len = shortLen + (b < shortBlocks ? 0 : 1);
    // Remainder of the block divided by the generator (a shift register, one byte at a time).
    ec.fill(0);
    const last = ecLen - 1;
    for (let i = 0; i < len; i++) {
      const factor = buf[start + i] ^ ec[0];
      if (factor === 0) {
        for (let j = 0; j < last; j++) ec[j] = ec[j + 1];
        ec[last] = 0;
      } else {
        const lf = LOG[factor];
        for (let j = 0; j < last; j++) ec[j] = ec[j + 1] ^ EXP[lf + genLog[j]];
        ec[last] = EXP[lf + genLog[last]];
      }
    }
    // Interleave: data codeword i of every block, in block order (short blocks have no last one).
    for (let i = 0; i < len; i++) {
      const col = i < shortLen ? i * blocks + b : shortLen * blocks + (b - shortBlocks);
      out[col] = buf[start + i];
    }
    for (let i = 0; i < ecLen; i++) out[nData + i * blocks + b] = ec[i];
    start += len;
  }
  return out;
}

/** The QR code of `data` (UTF-8): smallest version holding it at level M, mask pattern 0. */
export function qrMatrix(data: string): QrMatrix {
  const bytes = Buffer.from(data, 'utf8');
  let ver = 1;
  while (ver <= 40 && byteCapacity(ver) < bytes.length) ver++;
  if (ver > 40) throw new RangeError(`QR: ${bytes.length} bytes do not fit a version 40-M symbol`);
  const t = template(ver);
  const cw = codewords(bytes, ver);
  const m = t.base.slice();
  const { order, mask } = t;
  const nBits = cw.length * 8;
  for (let i = 0; i < order.length; i++) {
    const b = i < nBits ? (cw[i >>> 3] >>> (7 - (i & 7))) & 1 : 0; // remainder bits are 0
    m[order[i]] = b ^ mask[i];
  }
  return { size: t.size, modules: m };
}
