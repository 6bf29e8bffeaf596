/**
 * A minimal TrueType subsetter: the used glyphs' bytes are copied from `glyf` as they are
 * (only composite glyphs get their component ids renumbered), with fresh loca/hmtx and
 * the hinting tables copied. fontkit's general subsetter, which decodes and re-encodes
 * every glyph, took ~13% of a PDF's time.
 */

interface Table { offset: number; length: number }

const COMPOSITE = {
  ARG_1_AND_2_ARE_WORDS: 0x0001,
  WE_HAVE_A_SCALE: 0x0008,
  MORE_COMPONENTS: 0x0020,
  WE_HAVE_AN_X_AND_Y_SCALE: 0x0040,
  WE_HAVE_A_TWO_BY_TWO: 0x0080,
};

/** Tables a PDF viewer needs from an embedded TrueType (PDF 32000 §9.9); hinting kept. */
const KEEP_AS_IS = ['cvt ', 'fpgm', 'prep'];

export class TrueTypeProgram {
  private readonly tables = new Map<string, Table>();
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  private readonly loca: Uint32Array;
  private readonly numberOfHMetrics: number;
  private readonly glyfOffset: number;
  private readonly componentsCache = new Map<number, number[]>();

  constructor(private readonly buf: Buffer) {
    const n = buf.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const o = 12 + 16 * i;
      this.tables.set(buf.toString('latin1', o, o + 4), { offset: buf.readUInt32BE(o + 8), length: buf.readUInt32BE(o + 12) });
    }
    for (const t of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx']) {
      if (!this.tables.has(t)) throw new Error(`not a TrueType (glyf) font: no ${t} table`);
    }
    const head = this.table('head');
    this.unitsPerEm = buf.readUInt16BE(head.offset + 18);
    const longLoca = buf.readInt16BE(head.offset + 50) === 1;
    this.numGlyphs = buf.readUInt16BE(this.table('maxp').offset + 4);
    this.numberOfHMetrics = buf.readUInt16BE(this.table('hhea').offset + 34);
    const loca = this.table('loca');
    this.loca = new Uint32Array(this.numGlyphs + 1);
    for (let i = 0; i <= this.numGlyphs; i++) {
      this.loca[i] = longLoca ? buf.readUInt32BE(loca.offset + 4 * i) : buf.readUInt16BE(loca.offset + 2 * i) * 2;
    }
    this.glyfOffset = this.table('glyf').offset;
  }

  private table(tag: string): Table {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  }

  /** Advance width of a glyph in font units. */
  advance(gid: number): number {
    const hmtx = this.table('hmtx').offset;
    const i = Math.min(gid, this.numberOfHMetrics - 1);
    return this.buf.readUInt16BE(hmtx + 4 * i);
  }

  /** Glyph ids a composite glyph refers to, recursively (empty for simple glyphs). */
  components(gid: number): number[] {
    let out = this.componentsCache.get(gid);
    if (out) return out;
    out = [];
    const start = this.glyfOffset + this.loca[gid];
    if (this.loca[gid + 1] > this.loca[gid] && this.buf.readInt16BE(start) < 0) {
      let p = start + 10;
      for (;;) {
        const flags = this.buf.readUInt16BE(p);
        const child = this.buf.readUInt16BE(p + 2);
        out.push(child, ...this.components(child));
        p += 4 + (flags & COMPOSITE.ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & COMPOSITE.WE_HAVE_A_SCALE) p += 2;
        else if (flags & COMPOSITE.WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
        else if (flags & COMPOSITE.WE_HAVE_A_TWO_BY_TWO) p += 8;
        if (!(flags & COMPOSITE.MORE_COMPONENTS)) break;
      }
    }
    this.componentsCache.set(gid, out);
    return out;
  }

  /**
   * A TrueType font holding the glyphs `order` (original ids; `order[0]` must be 0, the
   * .notdef) renumbered 0…n-1 in that order. `newId` maps original → new id and must
   * already cover every composite component (see `components`). Glyph bytes are copied
   * verbatim; only composite glyphs get their component ids rewritten.
   */
  subset(order: readonly number[], newId: (orig: number) => number): Buffer {
    const n = order.length;
    const buf = this.buf;

    // glyf + loca (long offsets), 4-byte aligned glyphs.
    let glyfLen = 0;
    for (const g of order) glyfLen += (this.loca[g + 1] - this.loca[g] + 3) & ~3;
    const glyf = Buffer.alloc(glyfLen);
    const loca = Buffer.alloc(4 * (n + 1));
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const g = order[i];
      loca.writeUInt32BE(pos, 4 * i);
      const s = this.glyfOffset + this.loca[g];
      const e = this.glyfOffset + this.loca[g + 1];
      buf.copy(glyf, pos, s, e);
      if (e > s && buf.readInt16BE(s) < 0) this.remapComposite(glyf, pos, newId);
      pos += (e - s + 3) & ~3;
    }
    loca.writeUInt32BE(pos, 4 * n);

    const hmtx = Buffer.alloc(4 * n);
    const hm = this.table('hmtx').offset;
    const nh = this.numberOfHMetrics;
    for (let i = 0; i < n; i++) {
      const g = order[i];
      hmtx.writeUInt16BE(buf.readUInt16BE(hm + 4 * Math.min(g, nh - 1)), 4 * i);
      hmtx.writeInt16BE(g < nh ? buf.readInt16BE(hm + 4 * g + 2) : buf.readInt16BE(hm + 4 * nh + 2 * (g - nh)), 4 * i + 2);
    }

    const copy = (tag: string) => { const t = this.table(tag); return Buffer.from(buf.subarray(t.offset, t.offset + t.length)); };
    const head = copy('head');
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
    head.writeInt16BE(1, 50); // indexToLocFormat: long
    const hhea = copy('hhea');
    hhea.writeUInt16BE(n, 34);
    const maxp = copy('maxp');
    maxp.writeUInt16BE(n, 4);

    const out = new Map<string, Buffer>([['glyf', glyf], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp]]);
    for (const t of KEEP_AS_IS) if (this.tables.has(t)) out.set(t, this.raw(t));
    return assemble(out);
  }

  /** Rewrites the component glyph ids of the composite glyph at `at` in `glyf`. */
  private remapComposite(glyf: Buffer, at: number, newId: (orig: number) => number): void {
    let p = at + 10;
    for (;;) {
      const flags = glyf.readUInt16BE(p);
      glyf.writeUInt16BE(newId(glyf.readUInt16BE(p + 2)), p + 2);
      p += 4 + (flags & COMPOSITE.ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & COMPOSITE.WE_HAVE_A_SCALE) p += 2;
      else if (flags & COMPOSITE.WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
      else if (flags & COMPOSITE.WE_HAVE_A_TWO_BY_TWO) p += 8;
      if (!(flags & COMPOSITE.MORE_COMPONENTS)) break;
    }
  }

  private readonly rawCache = new Map<string, Buffer>();
  private raw(tag: string): Buffer {
    let b = this.rawCache.get(tag);
    if (!b) {
      const t = this.table(tag);
      this.rawCache.set(tag, (b = Buffer.from(this.buf.subarray(t.offset, t.offset + t.length))));
    }
    return b;
  }
}

function checksum(b: Buffer): number {
  let sum = 0;
  const whole = b.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  if (whole < b.length) {
    const tail = Buffer.alloc(4);
    b.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** The sfnt wrapper: table directory (sorted tags), 4-byte aligned tables, head checksum. */
function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const num = tags.length;
  const pow2 = 2 ** Math.floor(Math.log2(num));
  const header = Buffer.alloc(12 + 16 * num);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(num, 4);
  header.writeUInt16BE(pow2 * 16, 6);
  header.writeUInt16BE(Math.log2(pow2), 8);
  header.writeUInt16BE(num * 16 - pow2 * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const r = 12 + 16 * i;
    header.write(tag, r, 'latin1');
    header.writeUInt32BE(checksum(data), r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(data.length, r + 12);
    if (tag === 'head') headOffset = offset;
    parts.push(data);
    const pad = (4 - (data.length & 3)) & 3;
    if (pad) parts.push(Buffer.alloc(pad));
    offset += data.length + pad;
  });
  const font = Buffer.concat(parts, offset);
  if (headOffset >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}
