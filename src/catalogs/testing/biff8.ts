/**
 * A minimal writer of Excel 97-2003 workbooks (BIFF8 inside a Compound File), for tests
 * and benchmarks only: it lets the catalog import be tested on files shaped like the
 * SAT's `catCFDI_V_4_*.xls` without that file, and it is independent of the reader
 * library (which has its own writer), so the two cannot share a misreading.
 *
 * It writes what Excel writes for such a sheet: a shared string table (SST) split over
 * CONTINUE records, with strings straddling the boundaries and mixing 8-bit and UTF-16
 * runs; LABELSST, RK, MULRK and NUMBER cells; dates as serials with a date format;
 * merged title cells; a DIFAT when the file needs more than 109 FAT sectors.
 * Formats: [MS-XLS] and [MS-CFB].
 */

/** A cell: text, a number, a date (Excel serial, shown with a date format) or empty. */
export type Cell = string | number | { date: number } | null | undefined;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Merged ranges, 0-based inclusive: [firstRow, lastRow, firstCol, lastCol]. */
  merges?: Array<[number, number, number, number]>;
}

const MAX_RECORD = 8224;

/** A growable byte buffer that records are written into directly (no Buffer per record). */
class Bytes {
  buf = Buffer.allocUnsafe(1 << 16);
  length = 0;
  #ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = Buffer.allocUnsafe(size);
    this.buf.copy(b, 0, 0, this.length);
    this.buf = b;
  }
  push(b: Buffer): void {
    this.#ensure(b.length);
    b.copy(this.buf, this.length);
    this.length += b.length;
  }
  record(type: number, data: Buffer): void {
    this.head(type, data.length);
    this.push(data);
  }
  head(type: number, size: number): void {
    this.#ensure(4 + size);
    this.buf.writeUInt16LE(type, this.length);
    this.buf.writeUInt16LE(size, this.length + 2);
    this.length += 4;
  }
  u16(v: number): void {
    this.buf.writeUInt16LE(v, this.length);
    this.length += 2;
  }
  u32(v: number): void {
    this.buf.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  f64(v: number): void {
    this.buf.writeDoubleLE(v, this.length);
    this.length += 8;
  }
  concat(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

function u16(...v: number[]): Buffer {
  const b = Buffer.alloc(v.length * 2);
  v.forEach((x, i) => b.writeUInt16LE(x, i * 2));
  return b;
}

/** 8-bit ("compressed") when every character fits in Latin-1, else UTF-16LE. */
function encodeChars(s: string): { high: boolean; bytes: Buffer } {
  const high = /[^\u0000-\u00ff]/.test(s);
  return { high, bytes: high ? Buffer.from(s, 'utf16le') : Buffer.from(s, 'latin1') };
}

function shortString(s: string): Buffer {
  const { high, bytes } = encodeChars(s);
  return Buffer.concat([Buffer.from([s.length, high ? 1 : 0]), bytes]);
}

/** RK encoding of an integer that fits in 30 bits, else undefined. */
function rk(n: number): number | undefined {
  return Number.isInteger(n) && n >= -(2 ** 29) && n < 2 ** 29 ? ((n << 2) | 2) >>> 0 : undefined;
}

/**
 * The SST and its CONTINUE records. A string's header (length + flags) never splits; its
 * characters may, the continuation starting with a flags byte of its own.
 */
function sst(strings: string[], total: number, out: Bytes): void {
  const records: Buffer[] = [];
  let cur: Buffer[] = [];
  let curLen = 0;
  const flush = () => {
    records.push(Buffer.concat(cur));
    cur = [];
    curLen = 0;
  };
  const head = Buffer.alloc(8);
  head.writeUInt32LE(total, 0);
  head.writeUInt32LE(strings.length, 4);
  cur.push(head);
  curLen = 8;
  for (const s of strings) {
    const { high, bytes } = encodeChars(s);
    const hdr = Buffer.alloc(3);
    hdr.writeUInt16LE(s.length, 0);
    hdr[2] = high ? 1 : 0;
    if (curLen + 3 + (high ? 2 : 1) > MAX_RECORD) flush();
    cur.push(hdr);
    curLen += 3;
    let off = 0;
    const unit = high ? 2 : 1;
    while (off < bytes.length) {
      const room = Math.floor((MAX_RECORD - curLen) / unit) * unit;
      if (room <= 0) {
        flush();
        cur.push(Buffer.from([high ? 1 : 0]));
        curLen = 1;
        continue;
      }
      const take = Math.min(room, bytes.length - off);
      cur.push(bytes.subarray(off, off + take));
      curLen += take;
      off += take;
    }
  }
  flush();
  records.forEach((r, i) => out.record(i === 0 ? 0x00fc : 0x003c, r));
}

const XF_GENERAL = 15;
const XF_DATE = 16;

function globals(sheets: SheetSpec[], sharedStrings: string[], total: number, sheetOffsets: number[]): Buffer {
  const g = new Bytes();
  g.record(0x0809, Buffer.concat([u16(0x0600, 0x0005, 0x0dbb, 0x07cc), Buffer.from([0, 0, 0, 0, 6, 0, 0, 0])])); // BOF, globals
  g.record(0x0042, u16(1200)); // CODEPAGE: UTF-16
  g.record(0x0022, u16(0)); // DATEMODE: 1900
  const font = Buffer.concat([u16(200, 0, 0x7fff, 400, 0), Buffer.from([0, 0, 0, 0]), shortString('Arial')]);
  for (let k = 0; k < 5; k++) g.record(0x0031, font); // FONT (index 4 is never used, as Excel does)
  // XF: 15 style XFs, then the cell XFs: 15 General, 16 date (built-in format 14).
  const xf = (fmt: number, style: boolean) => {
    const b = Buffer.alloc(20);
    b.writeUInt16LE(fmt, 2);
    b.writeUInt16LE(style ? 0xfff5 : 0x0001, 4);
    b[6] = 0x20;
    b.writeUInt16LE(0x20c0, 18);
    return b;
  };
  for (let k = 0; k < 15; k++) g.record(0x00e0, xf(0, true));
  g.record(0x00e0, xf(0, false));
  g.record(0x00e0, xf(14, false));
  g.record(0x0293, Buffer.from([0x00, 0x80, 0x00, 0xff])); // STYLE: Normal
  sheets.forEach((s, i) => {
    const b = Buffer.alloc(6);
    b.writeUInt32LE(sheetOffsets[i] ?? 0, 0);
    g.record(0x0085, Buffer.concat([b, shortString(s.name)])); // BOUNDSHEET
  });
  sst(sharedStrings, total, g);
  g.record(0x000a, Buffer.alloc(0)); // EOF
  return g.concat();
}

function sheetStream(s: SheetSpec, index: Map<string, number>): Buffer {
  const w = new Bytes();
  w.record(0x0809, Buffer.concat([u16(0x0600, 0x0010, 0x0dbb, 0x07cc), Buffer.from([0, 0, 0, 0, 6, 0, 0, 0])])); // BOF, sheet
  const cols = Math.max(1, ...s.rows.map((r) => r.length));
  const dim = Buffer.alloc(14);
  dim.writeUInt32LE(0, 0);
  dim.writeUInt32LE(s.rows.length, 4);
  dim.writeUInt16LE(0, 8);
  dim.writeUInt16LE(cols, 10);
  w.record(0x0200, dim); // DIMENSIONS
  s.rows.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      const v = row[c];
      if (v === null || v === undefined || v === '') {
        c++;
        continue;
      }
      // A run of RK-able numbers becomes one MULRK, as Excel writes it.
      const isRk = (x: Cell) => (typeof x === 'number' && rk(x) !== undefined) || (typeof x === 'object' && x !== null && rk(x.date) !== undefined);
      if (isRk(v) && isRk(row[c + 1])) {
        let e = c;
        while (isRk(row[e + 1])) e++;
        w.head(0x00bd, 6 + (e - c + 1) * 6); // MULRK
        w.u16(r);
        w.u16(c);
        for (let k = c; k <= e; k++) {
          const x = row[k] as number | { date: number };
          w.u16(typeof x === 'number' ? XF_GENERAL : XF_DATE);
          w.u32(rk(typeof x === 'number' ? x : x.date)!);
        }
        w.u16(e);
        c = e + 1;
        continue;
      }
      if (typeof v === 'string') {
        w.head(0x00fd, 10); // LABELSST
        w.u16(r);
        w.u16(c);
        w.u16(XF_GENERAL);
        w.u32(index.get(v)!);
      } else {
        const n = typeof v === 'number' ? v : v.date;
        const xf = typeof v === 'number' ? XF_GENERAL : XF_DATE;
        const k = rk(n);
        w.head(k !== undefined ? 0x027e : 0x0203, k !== undefined ? 10 : 14); // RK or NUMBER
        w.u16(r);
        w.u16(c);
        w.u16(xf);
        if (k !== undefined) w.u32(k);
        else w.f64(n);
      }
      c++;
    }
  });
  if (s.merges?.length) {
    w.record(0x00e5, Buffer.concat([u16(s.merges.length), ...s.merges.map((m) => u16(...m))])); // MERGEDCELLS
  }
  w.record(0x000a, Buffer.alloc(0)); // EOF
  return w.concat();
}

/** The Workbook stream of a BIFF8 workbook. */
export function biff8Workbook(sheets: SheetSpec[]): Buffer {
  for (const s of sheets) if (s.rows.length > 65536) throw new RangeError(`${s.name}: BIFF8 holds 65,536 rows per sheet`);
  const index = new Map<string, number>();
  const strings: string[] = [];
  let total = 0;
  for (const s of sheets) {
    for (const row of s.rows) {
      for (const v of row) {
        if (typeof v !== 'string' || v === '') continue;
        total++;
        if (!index.has(v)) {
          index.set(v, strings.length);
          strings.push(v);
        }
      }
    }
  }
  const bodies = sheets.map((s) => sheetStream(s, index));
  const globalsLength = globals(sheets, strings, total, []).length;
  const offsets: number[] = [];
  let at = globalsLength;
  for (const b of bodies) {
    offsets.push(at);
    at += b.length;
  }
  return Buffer.concat([globals(sheets, strings, total, offsets), ...bodies]);
}

const FREE = 0xffffffff;
const END = 0xfffffffe;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;

/** A Compound File (version 3, 512-byte sectors) holding one stream named `Workbook`. */
export function compoundFile(workbook: Buffer): Buffer {
  // Streams under 4,096 bytes would belong in the mini stream: pad (after the last EOF
  // record, where readers stop) instead of writing one.
  const data = workbook.length >= 4096 ? workbook : Buffer.concat([workbook, Buffer.alloc(4096 - workbook.length)]);
  const dataSectors = Math.ceil(data.length / 512);
  const dirSectors = 1;
  let fatSectors = 1;
  let difatSectors = 0;
  for (;;) {
    difatSectors = fatSectors > 109 ? Math.ceil((fatSectors - 109) / 127) : 0;
    const need = Math.ceil((dataSectors + dirSectors + fatSectors + difatSectors) / 128);
    if (need <= fatSectors) break;
    fatSectors = need;
  }
  // Layout: data, directory, FAT sectors, DIFAT sectors.
  const dirStart = dataSectors;
  const fatStart = dirStart + dirSectors;
  const difatStart = fatStart + fatSectors;
  const total = difatStart + difatSectors;
  const fat = new Uint32Array(fatSectors * 128).fill(FREE);
  for (let k = 0; k < dataSectors; k++) fat[k] = k + 1 < dataSectors ? k + 1 : END;
  fat[dirStart] = END;
  for (let k = 0; k < fatSectors; k++) fat[fatStart + k] = FATSECT;
  for (let k = 0; k < difatSectors; k++) fat[difatStart + k] = DIFSECT;

  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(0, 40);
  header.writeUInt32LE(fatSectors, 44);
  header.writeUInt32LE(dirStart, 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(difatSectors ? difatStart : END, 68);
  header.writeUInt32LE(difatSectors, 72);
  for (let k = 0; k < 109; k++) header.writeUInt32LE(k < fatSectors ? fatStart + k : FREE, 76 + k * 4);

  const dir = Buffer.alloc(512);
  const entry = (i: number, name: string, type: number, child: number, start: number, size: number) => {
    const o = i * 128;
    dir.fill(0, o, o + 128);
    Buffer.from(`${name}\0`, 'utf16le').copy(dir, o);
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeUInt32LE(FREE, o + 68);
    dir.writeUInt32LE(FREE, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, 'Root Entry', 5, 1, END, 0);
  entry(1, 'Workbook', 2, FREE, 0, data.length);
  for (let i = 2; i < 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(FREE, o + 68);
    dir.writeUInt32LE(FREE, o + 72);
    dir.writeUInt32LE(FREE, o + 76);
  }

  const difat = Buffer.alloc(difatSectors * 512, 0xff);
  for (let k = 109; k < fatSectors; k++) {
    const d = Math.floor((k - 109) / 127);
    difat.writeUInt32LE(fatStart + k, d * 512 + ((k - 109) % 127) * 4);
  }
  for (let d = 0; d < difatSectors; d++) difat.writeUInt32LE(d + 1 < difatSectors ? difatStart + d + 1 : END, d * 512 + 508);

  const body = Buffer.alloc(dataSectors * 512);
  data.copy(body);
  const out = Buffer.concat([header, body, dir, Buffer.from(fat.buffer, fat.byteOffset, fat.byteLength), difat]);
  if (out.length !== 512 + total * 512) throw new Error('compound file layout mismatch');
  return out;
}

/** A `.xls` file: the workbook in its compound file. */
export function writeXls(sheets: SheetSpec[]): Buffer {
  return compoundFile(biff8Workbook(sheets));
}
