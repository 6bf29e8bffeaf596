/**
 * Minimal DER reading and writing: enough to read the parts of a SAT certificate that
 * node:crypto does not expose (subject attributes by OID, key-usage bits, extended key
 * usages, validity as dates) and to write SAT-shaped test certificates.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export interface Tlv {
  tag: number;
  /** Offset of the content in the buffer. */
  start: number;
  /** Offset after the content. */
  end: number;
  buf: Buffer;
}

export function readTlv(buf: Buffer, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated DER');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let p = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) throw new DerError('bad DER length');
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + buf[p + k];
    p += n;
  }
  if (p + len > limit) throw new DerError('truncated DER');
  return { tag, start: p, end: p + len, buf };
}

/** The TLVs contained in a constructed value. */
export function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = t.start;
  while (p < t.end) {
    const c = readTlv(t.buf, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function content(t: Tlv): Buffer {
  return t.buf.subarray(t.start, t.end);
}

export function decodeOid(t: Tlv): string {
  const b = content(t);
  if (b.length === 0) throw new DerError('empty OID');
  const parts: number[] = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let k = 1; k < b.length; k++) {
    v = v * 128 + (b[k] & 0x7f);
    if (!(b[k] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  if (b[0] >= 80) {
    parts[0] = 2;
    parts[1] = b[0] - 80;
  }
  return parts.join('.');
}

/** Decodes a DirectoryString-like value (UTF8String, PrintableString, IA5, T61, BMP). */
export function decodeString(t: Tlv): string {
  const b = content(t);
  switch (t.tag) {
    case 0x0c: // UTF8String
      return b.toString('utf8');
    case 0x1e: {
      // BMPString: UTF-16BE
      const sw = Buffer.from(b);
      sw.swap16();
      return sw.toString('utf16le');
    }
    case 0x14: // T61String: in practice Latin-1
      return b.toString('latin1');
    default: // PrintableString, IA5String, …
      return b.toString('latin1');
  }
}

export function decodeTime(t: Tlv): Date {
  const s = content(t).toString('latin1');
  let m: RegExpMatchArray | null;
  if (t.tag === 0x17 && (m = s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  if (t.tag === 0x18 && (m = s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  throw new DerError(`unsupported time value "${s}"`);
}

// ── Writing ──────────────────────────────────────────────────────────────────

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const seq = (...p: Buffer[]): Buffer => tlv(0x30, ...p);
export const set = (...p: Buffer[]): Buffer => tlv(0x31, ...p);
export const explicit = (n: number, ...p: Buffer[]): Buffer => tlv(0xa0 + n, ...p);
export const nul = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
export const octets = (b: Buffer): Buffer => tlv(0x04, b);
export const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'latin1'));

/** A positive INTEGER from its big-endian magnitude. */
export function integer(magnitude: Buffer): Buffer {
  let b = magnitude;
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function oid(dotted: string): Buffer {
  const p = dotted.split('.').map(Number);
  const bytes: number[] = [p[0] * 40 + p[1]];
  for (const v of p.slice(2)) {
    const enc: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) enc.unshift((x & 0x7f) | 0x80);
    bytes.push(...enc);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** BIT STRING of named bits (bit 0 = most significant bit of the first byte). */
export function namedBits(bits: number[]): Buffer {
  const max = Math.max(...bits);
  const nbytes = Math.floor(max / 8) + 1;
  const b = Buffer.alloc(nbytes);
  for (const bit of bits) b[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  const unused = nbytes * 8 - (max + 1);
  return tlv(0x03, Buffer.from([unused]), b);
}

export function bitString(b: Buffer): Buffer {
  return tlv(0x03, Buffer.from([0]), b);
}

export function time(d: Date): Buffer {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const y = d.getUTCFullYear();
  const body = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return y >= 1950 && y < 2050 ? tlv(0x17, Buffer.from(body.slice(2), 'latin1')) : tlv(0x18, Buffer.from(body, 'latin1'));
}
