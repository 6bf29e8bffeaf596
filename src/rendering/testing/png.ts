/** A small PNG encoder for test logos (no image files in the repo): every colour type, bit depth, filter and Adam7. */
import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export interface PngOptions {
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** PLTE entries (colour type 3). */
  palette?: Array<[number, number, number]>;
  /** The tRNS chunk's bytes. */
  trns?: Buffer;
  interlace?: boolean;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/**
 * A `w`×`h` PNG whose pixel (x, y) has the raw samples `samples(x, y)` (one per channel, at
 * the bit depth). Rows cycle through the five filter types so a decoder meets them all.
 */
export function encodePng(w: number, h: number, o: PngOptions, samples: (x: number, y: number) => number[]): Buffer {
  const ch = CHANNELS[o.colorType];
  const bpp = Math.max(1, (ch * o.bitDepth) >> 3);
  const parts: Buffer[] = [];
  let row = 0;
  for (const [x0, y0, dx, dy] of o.interlace ? ADAM7 : [[0, 0, 1, 1] as const]) {
    const pw = w > x0 ? Math.ceil((w - x0) / dx) : 0;
    const ph = h > y0 ? Math.ceil((h - y0) / dy) : 0;
    if (!pw || !ph) continue;
    const rowBytes = Math.ceil((pw * ch * o.bitDepth) / 8);
    let prev = Buffer.alloc(rowBytes);
    for (let r = 0; r < ph; r++) {
      const raw = Buffer.alloc(rowBytes);
      for (let k = 0; k < pw; k++) {
        const s = samples(x0 + k * dx, y0 + r * dy);
        for (let c = 0; c < ch; c++) {
          const idx = k * ch + c;
          if (o.bitDepth === 16) raw.writeUInt16BE(s[c], idx * 2);
          else if (o.bitDepth === 8) raw[idx] = s[c];
          else {
            const bit = idx * o.bitDepth;
            raw[bit >> 3] |= s[c] << (8 - o.bitDepth - (bit & 7));
          }
        }
      }
      const filter = row++ % 5;
      const out = Buffer.alloc(rowBytes + 1);
      out[0] = filter;
      for (let i = 0; i < rowBytes; i++) {
        const a = i >= bpp ? raw[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const pred = [0, a, b, (a + b) >> 1, paeth][filter];
        out[i + 1] = (raw[i] - pred) & 0xff;
      }
      parts.push(out);
      prev = raw;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = o.bitDepth;
  ihdr[9] = o.colorType;
  ihdr[12] = o.interlace ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(o.palette ? [chunk('PLTE', Buffer.from(o.palette.flat()))] : []),
    ...(o.trns ? [chunk('tRNS', o.trns)] : []),
    chunk('IDAT', deflateSync(Buffer.concat(parts))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A `w`×`h` RGB (or RGBA with `alpha`) 8-bit PNG painted by `pixel(x, y)` → [r, g, b, a]. */
export function makePng(w: number, h: number, pixel: (x: number, y: number) => [number, number, number, number], alpha = false): Buffer {
  return encodePng(w, h, { colorType: alpha ? 6 : 2, bitDepth: 8 }, (x, y) => pixel(x, y).slice(0, alpha ? 4 : 3));
}
