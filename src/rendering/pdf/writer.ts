/**
 * A minimal PDF file writer (ISO 32000-1 §7.5): numbered objects, streams, the
 * cross-reference table and the trailer, written straight into a byte buffer (a thread's
 * scratch buffer, reused) and copied out once at the end.
 *
 * Dictionaries are written by the caller as PDF text (ASCII); stream data are bytes (or
 * latin1 strings, one char per byte) copied as they are, or written in place by a callback.
 * Nothing is compressed here: the caller decides which stream to deflate.
 */

import { ByteWriter } from './bytes.ts';

export class PdfWriter {
  /** Byte offset of each object, by number (index 0 unused). */
  private readonly offsets: number[] = [0];
  private nextNum = 1;

  /** `out`: where the file is written (a thread's scratch buffer, reset here). */
  constructor(private readonly out: ByteWriter = new ByteWriter(), version = '1.7') {
    out.reset();
    // The comment with bytes ≥ 128 marks the file as binary for transfer programs (§7.5.2).
    out.latin1(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`);
  }

  /** Reserves an object number, to refer to an object before it is written. */
  alloc(): number {
    this.offsets.push(-1);
    return this.nextNum++;
  }

  private begin(num: number): void {
    const out = this.out;
    this.offsets[num] = out.pos;
    out.uint(num);
    out.latin1(' 0 obj\n');
  }

  /** Writes object `num` (from `alloc`) with `body`: a dictionary, array or other value. */
  object(num: number, body: string): void {
    this.begin(num);
    this.out.latin1(body);
    this.out.latin1('\nendobj\n');
  }

  /** Writes a stream object; `dict` is the dictionary's inside, without /Length. */
  stream(num: number, dict: string, data: Uint8Array | string): void {
    // A latin1 string has one char per byte, so its length is the stream's.
    this.streamWith(num, dict, data.length, (out) => (typeof data === 'string' ? out.latin1(data) : out.bytes(data)));
  }

  /** Writes a stream object whose `length` bytes of data `write` puts straight into the file. */
  streamWith(num: number, dict: string, length: number, write: (out: ByteWriter) => void): void {
    const out = this.out;
    this.begin(num);
    out.latin1('<<');
    out.latin1(dict);
    out.latin1(' /Length ');
    out.uint(length);
    out.latin1('>>\nstream\n');
    const start = out.pos;
    write(out);
    if (out.pos - start !== length) throw new Error(`stream ${num}: ${out.pos - start} bytes written, ${length} announced`);
    out.latin1('\nendstream\nendobj\n');
  }

  /** Cross-reference table and trailer; returns the whole file. */
  finish(root: number, info: number, id: string): Buffer {
    const out = this.out;
    for (let n = 1; n < this.offsets.length; n++) {
      if (this.offsets[n] < 0) throw new Error(`PDF object ${n} was reserved but never written`);
    }
    const xref = out.pos;
    let table = `xref\n0 ${this.offsets.length}\n0000000000 65535 f \n`;
    for (let n = 1; n < this.offsets.length; n++) table += `${String(this.offsets[n]).padStart(10, '0')} 00000 n \n`;
    out.latin1(`${table}trailer\n<< /Size ${this.offsets.length} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`);
    return out.toBuffer();
  }
}

/** `n 0 R`. */
export const ref = (num: number) => `${num} 0 R`;

/**
 * A PDF text string (§7.9.2): a literal in PDFDocEncoding when the text is printable
 * ASCII, otherwise UTF-16BE with a byte-order mark, in hex.
 */
export function textString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[()\\]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/** A name object (§7.3.5): characters outside ! … ~ and delimiters written as #xx. */
export function pdfName(s: string): string {
  let out = '/';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b < 0x21 || b > 0x7e || '()<>[]{}/%#'.includes(c) ? `#${b.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}

/** A number with at most `decimals` decimals, no exponent, no trailing zeros (§7.3.3). */
export function num(v: number, decimals = 2): string {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
}
