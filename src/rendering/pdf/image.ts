/**
 * The empresa's logo as a PDF image XObject, from PNG or JPEG bytes. A logo is the same for
 * every document of an empresa, so it is read and checked once per thread and its objects
 * are kept as bytes (a few most recent logos): each document then only copies them.
 *
 * JPEG is embedded as it is (DCTDecode), turned by its EXIF orientation. PNG without
 * transparency or interlacing is embedded as its own zlib data with the PNG predictors
 * (FlateDecode /Predictor 15); any other PNG (alpha channel, tRNS, Adam7, any bit depth) is
 * decoded to 8-bit samples and its transparency becomes a soft mask (SMask).
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { ref, type PdfWriter } from './writer.ts';

export interface LogoImage {
  /** Width and height as displayed (after the EXIF orientation), in pixels. */
  width: number;
  height: number;
  /** Writes the image (and its soft mask) into a document; returns the XObject's number. */
  write(w: PdfWriter): number;
  /**
   * The `cm` matrix that paints the image into the box at (x, y) of size (w, h), PDF
   * coordinates (y up, the box's lower-left corner), turned by the EXIF orientation.
   */
  matrix(x: number, y: number, w: number, h: number): number[];
}

interface Stream { dict: string; data: Buffer }

class Image implements LogoImage {
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly main: Stream,
    private readonly smask: Stream | undefined,
    private readonly orientation = 1,
  ) {}

  write(w: PdfWriter): number {
    let mask = '';
    if (this.smask) {
      const n = w.alloc();
      w.stream(n, this.smask.dict, this.smask.data);
      mask = ` /SMask ${ref(n)}`;
    }
    const n = w.alloc();
    w.stream(n, `${this.main.dict}${mask}`, this.main.data);
    return n;
  }

  matrix(x: number, y: number, w: number, h: number): number[] {
    // Image space (u, v) → page: EXIF orientations 2–8 mirror and/or turn the stored image.
    switch (this.orientation) {
      case 2: return [-w, 0, 0, h, x + w, y];
      case 3: return [-w, 0, 0, -h, x + w, y + h];
      case 4: return [w, 0, 0, -h, x, y + h];
      case 5: return [0, -h, -w, 0, x + w, y + h];
      case 6: return [0, -h, w, 0, x, y + h];
      case 7: return [0, h, w, 0, x, y];
      case 8: return [0, h, -w, 0, x + w, y];
      default: return [w, 0, 0, h, x, y];
    }
  }
}

const image = (w: number, h: number, bpc: number, colorSpace: string, filter: string) =>
  ` /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /BitsPerComponent ${bpc} /ColorSpace ${colorSpace} /Filter /${filter}`;

/** Largest logo accepted, in pixels: a logo prints a few centimetres wide. */
const MAX_PIXELS = 16 * 1024 * 1024;

// ---- cache --------------------------------------------------------------------------

const CACHE_SIZE = 16;
const cache: Array<{ bytes: Buffer; image: LogoImage | undefined }> = [];

/**
 * The logo for `bytes`, or undefined when they are not a PNG or JPEG this module can embed
 * (the invoice is then rendered without it). Read once per thread and kept.
 */
export function logoImage(bytes: Uint8Array): LogoImage | undefined {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < cache.length; i++) {
    const e = cache[i];
    if (e.bytes.length === b.length && e.bytes.equals(b)) {
      if (i > 0) { cache.splice(i, 1); cache.unshift(e); }
      return e.image;
    }
  }
  let img: LogoImage | undefined;
  try {
    img = readImage(b);
  } catch {
    img = undefined;
  }
  cache.unshift({ bytes: Buffer.from(b), image: img });
  if (cache.length > CACHE_SIZE) cache.pop();
  return img;
}

function readImage(b: Buffer): LogoImage | undefined {
  if (b.length > 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return png(b);
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  return undefined;
}

// ---- JPEG ---------------------------------------------------------------------------

/** Start-of-frame markers (every coding process; not DHT C4, JPG C8, DAC CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(b: Buffer): LogoImage | undefined {
  let pos = 2;
  let orientation = 1;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return undefined;
    const marker = b[pos + 1];
    if (marker === 0xff) { pos++; continue; } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { pos += 2; continue; }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan or end before any frame header
    const len = b.readUInt16BE(pos + 2);
    const seg = pos + 4;
    if (len < 2 || pos + 2 + len > b.length) return undefined;
    if (marker === 0xe1) orientation = exifOrientation(b.subarray(seg, pos + 2 + len)) ?? orientation;
    if (SOF.has(marker)) {
      if (len < 8) return undefined;
      const bits = b[seg];
      const height = b.readUInt16BE(seg + 1);
      const width = b.readUInt16BE(seg + 3);
      const comps = b[seg + 5];
      const cs = comps === 1 ? '/DeviceGray' : comps === 3 ? '/DeviceRGB' : comps === 4 ? '/DeviceCMYK' : undefined;
      if (!cs || bits !== 8 || !width || !height || width * height > MAX_PIXELS) return undefined;
      // CMYK JPEGs are written inverted (Adobe APP14), as every producer of them does.
      const decode = comps === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
      const turned = orientation >= 5;
      return new Image(turned ? height : width, turned ? width : height,
        { dict: image(width, height, bits, cs, 'DCTDecode') + decode, data: b }, undefined, orientation);
    }
    pos += 2 + len;
  }
  return undefined;
}

/** The EXIF Orientation tag (1–8) of an APP1 segment's body, if it has one. */
function exifOrientation(app1: Buffer): number | undefined {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return undefined;
  const t = app1.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  if (!le && t.toString('latin1', 0, 2) !== 'MM') return undefined;
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > t.length) return undefined;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + 12 * i;
    if (e + 12 > t.length) return undefined;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

// ---- PNG ----------------------------------------------------------------------------

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const; // x0, y0, dx, dy

function png(b: Buffer): LogoImage | undefined {
  let pos = 8;
  let ihdr: Buffer | undefined;
  let plte: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 12 <= b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (data.length !== len) return undefined;
    pos += 12 + len;
    if (type === 'IHDR') ihdr = data;
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (!ihdr || ihdr.length < 13 || !idat.length) return undefined;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const depth = ihdr[8];
  const ct = ihdr[9];
  const interlaced = ihdr[12] === 1;
  const channels = CHANNELS[ct];
  if (!channels || !DEPTHS[ct].includes(depth) || ihdr[10] !== 0 || ihdr[11] !== 0 || ihdr[12] > 1) return undefined;
  if (!width || !height || width * height > MAX_PIXELS) return undefined;
  if (ct === 3 && (!plte || plte.length % 3 !== 0 || plte.length === 0 || plte.length > 768)) return undefined;

  const zdata = Buffer.concat(idat);
  // Inflated once to check it is complete (a truncated logo would break every PDF).
  const raw = inflateSync(zdata);
  const palette = ct === 3 ? `[/Indexed /DeviceRGB ${plte!.length / 3 - 1} <${plte!.toString('hex')}>]` : '';
  const colorSpace = ct === 3 ? palette : ct === 0 || ct === 4 ? '/DeviceGray' : '/DeviceRGB';

  if (!interlaced && !trns && (ct === 0 || ct === 2 || ct === 3)) {
    const rowBytes = Math.ceil((width * channels * depth) / 8);
    if (raw.length < height * (rowBytes + 1)) return undefined;
    const parms = ` /DecodeParms << /Predictor 15 /Colors ${channels} /BitsPerComponent ${depth} /Columns ${width} >>`;
    return new Image(width, height, { dict: image(width, height, depth, colorSpace, 'FlateDecode') + parms, data: zdata }, undefined);
  }

  const samples = decodeSamples(raw, width, height, depth, channels, interlaced);
  if (!samples) return undefined;
  const n = width * height;
  const colors = ct === 2 || ct === 6 ? 3 : 1;
  const color = Buffer.alloc(n * colors);
  const alpha = Buffer.alloc(n, 255);
  const max = (1 << depth) - 1;
  const to8 = (v: number) => (depth === 16 ? v >> 8 : depth === 8 ? v : Math.round((v * 255) / max));
  let translucent = false;
  const key = trns && ct === 0 && trns.length >= 2 ? [trns.readUInt16BE(0)]
    : trns && ct === 2 && trns.length >= 6 ? [trns.readUInt16BE(0), trns.readUInt16BE(2), trns.readUInt16BE(4)] : undefined;
  for (let p = 0; p < n; p++) {
    const s = p * channels;
    for (let c = 0; c < colors; c++) color[p * colors + c] = ct === 3 ? samples[s + c] : to8(samples[s + c]);
    let a = 255;
    if (ct === 4 || ct === 6) a = to8(samples[s + channels - 1]);
    else if (ct === 3 && trns) a = samples[s] < trns.length ? trns[samples[s]] : 255;
    else if (key && key.every((k, c) => samples[s + c] === k)) a = 0;
    alpha[p] = a;
    if (a !== 255) translucent = true;
  }
  const main = { dict: image(width, height, 8, colorSpace, 'FlateDecode'), data: deflateSync(color) };
  const smask = translucent ? { dict: image(width, height, 8, '/DeviceGray', 'FlateDecode'), data: deflateSync(alpha) } : undefined;
  return new Image(width, height, main, smask);
}

/** Every sample of the image (row by row, `channels` per pixel) at its bit depth, or undefined when the data is short. */
function decodeSamples(raw: Buffer, width: number, height: number, depth: number, channels: number, interlaced: boolean): Uint16Array | undefined {
  const out = new Uint16Array(width * height * channels);
  const bpp = Math.max(1, (channels * depth) >> 3); // bytes per complete pixel, for the filters
  let pos = 0;
  for (const [x0, y0, dx, dy] of interlaced ? ADAM7 : [[0, 0, 1, 1] as const]) {
    const pw = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const ph = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    if (!pw || !ph) continue;
    const rowBytes = Math.ceil((pw * channels * depth) / 8);
    if (pos + ph * (rowBytes + 1) > raw.length) return undefined;
    let prev = Buffer.alloc(rowBytes);
    let cur = Buffer.alloc(rowBytes);
    for (let r = 0; r < ph; r++) {
      const filter = raw[pos++];
      for (let i = 0; i < rowBytes; i++) {
        const x = raw[pos + i];
        const a = i >= bpp ? cur[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        let v: number;
        switch (filter) {
          case 0: v = x; break;
          case 1: v = x + a; break;
          case 2: v = x + b; break;
          case 3: v = x + ((a + b) >> 1); break;
          case 4: {
            const p = a + b - c;
            const pa = Math.abs(p - a);
            const pb = Math.abs(p - b);
            const pc = Math.abs(p - c);
            v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
            break;
          }
          default: return undefined;
        }
        cur[i] = v & 0xff;
      }
      pos += rowBytes;
      const y = y0 + r * dy;
      for (let k = 0; k < pw; k++) {
        const o = ((y * width) + x0 + k * dx) * channels;
        for (let c = 0; c < channels; c++) {
          const idx = k * channels + c;
          let v: number;
          if (depth === 8) v = cur[idx];
          else if (depth === 16) v = cur.readUInt16BE(idx * 2);
          else {
            const bit = idx * depth;
            v = (cur[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
          }
          out[o + c] = v;
        }
      }
      [prev, cur] = [cur, prev];
    }
  }
  return out;
}
