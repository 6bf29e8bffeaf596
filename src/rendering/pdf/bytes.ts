/**
 * A growable byte buffer for writing PDF syntax directly as bytes: content streams and the
 * file itself are written here without building intermediate strings (which the garbage
 * collector and the latin1 conversion made a tenth of a PDF's time).
 */
export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(size = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A string of chars 0–255, one byte each. */
  latin1(s: string): void {
    const n = s.length;
    this.room(n);
    if (n > 48) {
      this.pos += this.buf.write(s, this.pos, 'latin1');
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  bytes(src: Uint8Array): void {
    this.room(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** A non-negative integer below 2^31. */
  uint(n: number): void {
    this.room(10);
    const b = this.buf;
    if (n < 10) { b[this.pos++] = 48 + n; return; }
    let digits = 1;
    for (let t = n; t >= 10; t = (t / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do { b[--p] = 48 + (n % 10); n = (n / 10) | 0; } while (n > 0);
  }

  /**
   * `v` rounded to `decimals` (≤ 4) decimals, without trailing zeros or exponent: the number
   * syntax of PDF (§7.3.3). Values are page coordinates: well within ±2^31 / 10^decimals.
   */
  num(v: number, decimals = 2): void {
    const f = POW10[decimals];
    let n = Math.round(v * f);
    if (n < 0) { this.byte(45); n = -n; }
    const ip = Math.floor(n / f);
    let fp = n - ip * f;
    this.uint(ip);
    if (fp === 0) return;
    let d = decimals;
    while (fp % 10 === 0) { fp /= 10; d--; }
    this.room(d + 1);
    const b = this.buf;
    b[this.pos] = 46; // .
    for (let i = d; i >= 1; i--) { b[this.pos + i] = 48 + (fp % 10); fp = (fp / 10) | 0; }
    this.pos += d + 1;
  }

  /**
   * A copy of the bytes written so far, in a Buffer of its own (never a slice of Node's
   * shared pool), so that its ArrayBuffer can be transferred to another thread.
   */
  toBuffer(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  /** The bytes written so far, as a view (valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

const POW10 = [1, 10, 100, 1000, 10000];
