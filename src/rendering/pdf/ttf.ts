/**
 * A TrueType subsetter for PDF embedding that does per glyph, once per thread, all the work
 * a glyph needs (its bytes padded to 4, their checksum, its advance and side bearing, where
 * a composite glyph names its components). A document's subset is then concatenation: the
 * glyphs' bytes copied in the document's order, fresh loca/hmtx, and table checksums summed
 * from the cached ones. Glyph outlines and hinting are copied as they are.
 */

import type { ByteWriter } from './bytes.ts';

interface Table { offset: number; length: number }

const COMPOSITE = {
  ARG_1_AND_2_ARE_WORDS: 0x0001,
  WE_HAVE_A_SCALE: 0x0008,
  MORE_COMPONENTS: 0x0020,
  WE_HAVE_AN_X_AND_Y_SCALE: 0x0040,
  WE_HAVE_A_TWO_BY_TWO: 0x0080,
};

/** Tables a PDF viewer needs from an embedded TrueType (PDF 32000 §9.9), hinting included. */
const KEEP_AS_IS = ['cvt ', 'fpgm', 'prep'];

/** One glyph, prepared once. */
export interface GlyphData {
  /** The glyph's `glyf` bytes, zero-padded to a multiple of 4. */
  bytes: Buffer;
  /** Checksum of `bytes` (composite glyphs: before their component ids are rewritten). */
  sum: number;
  advance: number;
  lsb: number;
  /** Offsets in `bytes` of the component glyph ids (composite glyphs only). */
  componentAt: number[];
  /** Component glyph ids, recursively (empty for simple glyphs). */
  components: number[];
}

/** The sfnt tables a subset carries besides glyf/loca/hmtx, with their checksums. */
interface FixedTable { tag: string; length: number; data: Buffer; sum: number }

export class TrueTypeProgram {
  private readonly tables = new Map<string, Table>();
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  private readonly loca: Uint32Array;
  private readonly numberOfHMetrics: number;
  private readonly glyfOffset: number;
  private readonly hmtxOffset: number;
  private readonly glyphs: Array<GlyphData | undefined>;
  private readonly kept: FixedTable[];
  private readonly headTemplate: Buffer;
  private readonly hheaTemplate: Buffer;
  private readonly maxpTemplate: Buffer;
  /** Tags of a subset's tables, sorted as the table directory must be. */
  private readonly tags: string[];

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
    this.hmtxOffset = this.table('hmtx').offset;
    this.glyphs = new Array<GlyphData | undefined>(this.numGlyphs);
    this.kept = KEEP_AS_IS.filter((t) => this.tables.has(t)).map((tag) => {
      const raw = this.slice(tag);
      const data = padded(raw);
      return { tag, length: raw.length, data, sum: checksum(data, 0, data.length) };
    });
    this.headTemplate = this.slice('head');
    this.headTemplate.writeUInt32BE(0, 8); // checkSumAdjustment: computed per subset
    this.headTemplate.writeInt16BE(0, 50); // indexToLocFormat: short offsets (see subset)
    this.hheaTemplate = this.slice('hhea');
    this.maxpTemplate = this.slice('maxp');
    this.tags = ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', ...this.kept.map((k) => k.tag)].sort();
  }

  private table(tag: string): Table {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  }

  /** A copy of a table's bytes. */
  private slice(tag: string): Buffer {
    const t = this.table(tag);
    return Buffer.from(this.buf.subarray(t.offset, t.offset + t.length));
  }

  /** Advance width of a glyph in font units. */
  advance(gid: number): number {
    return this.glyph(gid).advance;
  }

  /** Glyph ids a composite glyph refers to, recursively (empty for simple glyphs). */
  components(gid: number): number[] {
    return this.glyph(gid).components;
  }

  /** Everything about a glyph the subsetter needs, prepared on first use. */
  glyph(gid: number): GlyphData {
    let g = this.glyphs[gid];
    if (g) return g;
    const buf = this.buf;
    const s = this.glyfOffset + this.loca[gid];
    const e = this.glyfOffset + this.loca[gid + 1];
    const bytes = padded(buf.subarray(s, e));
    const nh = this.numberOfHMetrics;
    const hm = this.hmtxOffset;
    const advance = buf.readUInt16BE(hm + 4 * Math.min(gid, nh - 1));
    const lsb = gid < nh ? buf.readInt16BE(hm + 4 * gid + 2) : buf.readInt16BE(hm + 4 * nh + 2 * (gid - nh));
    const componentAt: number[] = [];
    const components: number[] = [];
    if (e > s && buf.readInt16BE(s) < 0) {
      let p = 10;
      for (;;) {
        const flags = bytes.readUInt16BE(p);
        const child = bytes.readUInt16BE(p + 2);
        componentAt.push(p + 2);
        components.push(child, ...this.glyph(child).components);
        p += 4 + (flags & COMPOSITE.ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & COMPOSITE.WE_HAVE_A_SCALE) p += 2;
        else if (flags & COMPOSITE.WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
        else if (flags & COMPOSITE.WE_HAVE_A_TWO_BY_TWO) p += 8;
        if (!(flags & COMPOSITE.MORE_COMPONENTS)) break;
      }
    }
    g = { bytes, sum: checksum(bytes, 0, bytes.length), advance, lsb, componentAt, components };
    this.glyphs[gid] = g;
    return g;
  }

  /**
   * The layout of a TrueType font holding the glyphs `order` (original ids; `order[0]` must
   * be 0, the .notdef) renumbered 0…n-1 in that order: its size, for writing it in place.
   */
  planSubset(order: readonly number[]): SubsetPlan {
    const glyphs: GlyphData[] = new Array(order.length);
    let glyfLen = 0;
    for (let i = 0; i < order.length; i++) {
      glyphs[i] = this.glyph(order[i]);
      glyfLen += glyphs[i].bytes.length;
    }
    const n = order.length;
    // Short loca (offset / 2) whenever it fits: half the bytes of the long form.
    const shortLoca = glyfLen <= 0x1fffe;
    const lens: number[] = [];
    let total = 12 + 16 * this.tags.length;
    for (const tag of this.tags) {
      let len: number;
      switch (tag) {
        case 'glyf': len = glyfLen; break;
        case 'hmtx': len = 4 * n; break;
        case 'loca': len = (shortLoca ? 2 : 4) * (n + 1); break;
        case 'head': len = this.headTemplate.length; break;
        case 'hhea': len = this.hheaTemplate.length; break;
        case 'maxp': len = this.maxpTemplate.length; break;
        default: len = this.kept.find((k) => k.tag === tag)!.length;
      }
      lens.push(len);
      total += (len + 3) & ~3;
    }
    return { glyphs, shortLoca, lens, total };
  }

  /**
   * Writes the subset planned by `planSubset` at `out`'s position (`plan.total` bytes).
   * `newId` maps original → new id and must already cover every composite component (see
   * `components`). Glyph bytes are copied verbatim; only composite glyphs get their
   * component ids rewritten.
   */
  writeSubset(plan: SubsetPlan, out: ByteWriter, newId: (orig: number) => number): void {
    const { glyphs, shortLoca, lens, total } = plan;
    const n = glyphs.length;
    out.room(total);
    const b = out.buf;
    const base = out.pos;
    b.fill(0, base, base + total); // table padding
    const numTables = this.tags.length;
    const dirLen = 12 + 16 * numTables;
    const pow2 = 2 ** Math.floor(Math.log2(numTables));
    b.writeUInt32BE(0x00010000, base);
    b.writeUInt16BE(numTables, base + 4);
    b.writeUInt16BE(pow2 * 16, base + 6);
    b.writeUInt16BE(Math.log2(pow2), base + 8);
    b.writeUInt16BE(numTables * 16 - pow2 * 16, base + 10);

    let fontSum = 0;
    let headAt = -1;
    let at = base + dirLen;
    for (let i = 0; i < numTables; i++) {
      const tag = this.tags[i];
      const len = lens[i];
      let sum: number;
      switch (tag) {
        case 'glyf': {
          sum = 0;
          let pos = at;
          for (let k = 0; k < n; k++) {
            const g = glyphs[k];
            b.set(g.bytes, pos);
            if (g.componentAt.length) {
              for (const c of g.componentAt) b.writeUInt16BE(newId(b.readUInt16BE(pos + c)), pos + c);
              sum = (sum + checksum(b, pos, pos + g.bytes.length)) >>> 0;
            } else {
              sum = (sum + g.sum) >>> 0;
            }
            pos += g.bytes.length;
          }
          break;
        }
        case 'loca': {
          let off = 0;
          for (let k = 0; k <= n; k++) {
            if (shortLoca) b.writeUInt16BE(off >>> 1, at + 2 * k);
            else b.writeUInt32BE(off, at + 4 * k);
            if (k < n) off += glyphs[k].bytes.length;
          }
          sum = checksum(b, at, at + len);
          break;
        }
        case 'hmtx':
          for (let k = 0; k < n; k++) {
            b.writeUInt16BE(glyphs[k].advance, at + 4 * k);
            b.writeInt16BE(glyphs[k].lsb, at + 4 * k + 2);
          }
          sum = checksum(b, at, at + len);
          break;
        case 'head':
          this.headTemplate.copy(b, at);
          if (!shortLoca) b.writeInt16BE(1, at + 50);
          sum = checksum(b, at, at + len);
          headAt = at;
          break;
        case 'hhea':
          this.hheaTemplate.copy(b, at);
          b.writeUInt16BE(n, at + 34);
          sum = checksum(b, at, at + len);
          break;
        case 'maxp':
          this.maxpTemplate.copy(b, at);
          b.writeUInt16BE(n, at + 4);
          sum = checksum(b, at, at + len);
          break;
        default: {
          const k = this.kept.find((x) => x.tag === tag)!;
          k.data.copy(b, at);
          sum = k.sum;
        }
      }
      const r = base + 12 + 16 * i;
      b.write(tag, r, 'latin1');
      b.writeUInt32BE(sum, r + 4);
      b.writeUInt32BE(at - base, r + 8);
      b.writeUInt32BE(len, r + 12);
      fontSum = (fontSum + sum) >>> 0;
      at += (len + 3) & ~3;
    }
    // Whole-font checksum = directory + every (zero-padded) table; head records its complement.
    fontSum = (fontSum + checksum(b, base, base + dirLen)) >>> 0;
    b.writeUInt32BE((0xb1b0afba - fontSum) >>> 0, headAt + 8);
    out.pos = base + total;
  }
}

/** What `writeSubset` writes: the glyphs in subset order and the tables' sizes. */
export interface SubsetPlan {
  glyphs: GlyphData[];
  shortLoca: boolean;
  /** Length of each table, in `tags` order. */
  lens: number[];
  /** Bytes of the whole font file. */
  total: number;
}

/** A copy of `b` zero-padded to a multiple of 4 bytes. */
function padded(b: Buffer): Buffer {
  const out = Buffer.alloc((b.length + 3) & ~3);
  b.copy(out);
  return out;
}

/** Sum of the big-endian uint32 words of `b[from, to)`, a zero-padded tail included. */
function checksum(b: Buffer, from: number, to: number): number {
  let sum = 0;
  const whole = from + ((to - from) & ~3);
  for (let i = from; i < whole; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  if (whole < to) {
    let tail = 0;
    for (let i = 0; i < 4; i++) tail = (tail << 8) | (whole + i < to ? b[whole + i] : 0);
    sum = (sum + (tail >>> 0)) >>> 0;
  }
  return sum;
}
