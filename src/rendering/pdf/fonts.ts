/**
 * The embedded fonts (DejaVu Sans Condensed from the `dejavu-fonts-ttf` package), parsed
 * once per thread, and their embedding in a PDF as Type0/CIDFontType2 subsets.
 *
 * No text shaping: invoice text needs neither ligatures nor kerning (shaping with fontkit
 * was ~40% of a PDF's time under pdfkit), so text is mapped code point → glyph id through
 * a per-thread cache. Layout widths come from the same metrics, so right-aligned figures
 * land exactly where the template put them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { FontName, Measure } from '../templates/page.ts';
import { TrueTypeProgram } from './ttf.ts';
import { num, ref, type PdfWriter } from './writer.ts';
import type { ByteWriter } from './bytes.ts';

const FILES: Record<FontName, string> = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
};

export function fontDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** One font, parsed once per thread: glyph lookup, metrics, descriptor values. */
export class LoadedFont {
  readonly font: fontkit.Font;
  readonly ttf: TrueTypeProgram;
  /** 1000 / unitsPerEm. */
  readonly scale: number;
  /** Ascender in 1/1000 em (the baseline offset of a line's top). */
  readonly ascender: number;
  /** PostScript name, safe inside a PDF name. */
  readonly postscriptName: string;
  /** The FontDescriptor entries after /FontName, the same for every subset. */
  readonly descriptor: string;
  private readonly bmpGid: Int32Array;
  private readonly astralGid = new Map<number, number>();
  private readonly widths: Float64Array;
  private readonly widthTexts: string[] = [];
  /** Advance of each BMP code point in 1/1000 em (-1: not looked up yet), for measuring. */
  private readonly cpWidths: Float64Array;
  /**
   * Scratch of the FontUse being written, reused across documents instead of allocating a
   * glyph-id map per document: `slot[g]` is valid while `stamp[g]` equals its generation.
   */
  readonly stamp: Uint32Array;
  readonly slot: Uint16Array;
  private generation = 0;

  constructor(readonly name: FontName, file: Buffer) {
    this.font = fontkit.create(file);
    this.ttf = new TrueTypeProgram(file);
    this.scale = 1000 / this.ttf.unitsPerEm;
    this.ascender = this.font.ascent * this.scale;
    this.bmpGid = new Int32Array(0x10000).fill(-1);
    this.widths = new Float64Array(this.ttf.numGlyphs).fill(-1);
    this.cpWidths = new Float64Array(0x10000).fill(-1);
    this.stamp = new Uint32Array(this.ttf.numGlyphs);
    this.slot = new Uint16Array(this.ttf.numGlyphs);
    this.postscriptName = this.font.postscriptName.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '_');
    const fk = this.font as fontkit.Font & { bbox?: { minX: number; minY: number; maxX: number; maxY: number }; italicAngle?: number; capHeight?: number };
    const bb = fk.bbox;
    const bbox = bb ? [bb.minX, bb.minY, bb.maxX, bb.maxY].map((v) => Math.round(v * this.scale)) : [0, 0, 1000, 1000];
    this.descriptor = ` /Flags 4 /FontBBox [${bbox.join(' ')}] /ItalicAngle ${fk.italicAngle ?? 0}`
      + ` /Ascent ${Math.round(this.ascender)} /Descent ${Math.round(fk.descent * this.scale)}`
      + ` /CapHeight ${Math.round((fk.capHeight ?? fk.ascent) * this.scale)} /StemV ${name === 'bold' ? 120 : 80}`;
    // Flags 4: symbolic, glyphs are addressed by id, not through a standard encoding.
  }

  /** A new generation for `stamp`/`slot`: every glyph unassigned, without clearing. */
  beginUse(): number {
    if (++this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** Glyph id of a code point (0, .notdef, when the font lacks it). */
  gid(cp: number): number {
    if (cp < 0x10000) {
      let g = this.bmpGid[cp];
      if (g < 0) g = this.bmpGid[cp] = this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp).id : 0;
      return g;
    }
    let g = this.astralGid.get(cp);
    if (g === undefined) this.astralGid.set(cp, (g = this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp).id : 0));
    return g;
  }

  /** Advance of a glyph in 1/1000 em (PDF text space units). */
  width(gid: number): number {
    let w = this.widths[gid];
    if (w < 0) w = this.widths[gid] = this.ttf.advance(gid) * this.scale;
    return w;
  }

  /** Advance of a code point's glyph in 1/1000 em. */
  cpWidth(cp: number): number {
    if (cp >= 0x10000) return this.width(this.gid(cp));
    let w = this.cpWidths[cp];
    if (w < 0) w = this.cpWidths[cp] = this.width(this.gid(cp));
    return w;
  }

  /** The advance as written in a W array (3 decimals, as the layout measured it). */
  widthText(gid: number): string {
    return (this.widthTexts[gid] ??= num(this.width(gid), 3));
  }
}

export interface Fonts {
  regular: LoadedFont;
  bold: LoadedFont;
  measure: Measure;
}

let loaded: Fonts | undefined;

/** The fonts of this thread, parsed on first use. */
export function fonts(): Fonts {
  if (loaded) return loaded;
  const regular = new LoadedFont('regular', readFileSync(join(fontDir(), FILES.regular)));
  const bold = new LoadedFont('bold', readFileSync(join(fontDir(), FILES.bold)));
  const measure: Measure = {
    width(s, font, size) {
      const f = font === 'bold' ? bold : regular;
      let w = 0;
      for (let i = 0; i < s.length; i++) {
        let cp = s.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) cp = s.codePointAt(i++)!;
        w += f.cpWidth(cp);
      }
      return (w * size) / 1000;
    },
    fit(s, from, font, size, max) {
      const f = font === 'bold' ? bold : regular;
      const limit = (max * 1000) / size; // in 1/1000 em, as the widths are
      let w = 0;
      let i = from;
      while (i < s.length) {
        let cp = s.charCodeAt(i);
        let n = 1;
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) { cp = s.codePointAt(i)!; n = 2; }
        const cw = f.cpWidth(cp);
        if (i > from && w + cw > limit) break;
        w += cw;
        i += n;
      }
      return i;
    },
  };
  loaded = { regular, bold, measure };
  return loaded;
}

/** 4-hex-digit strings for CIDs, shared by all fonts and documents. */
const HEX4: string[] = [];
const hex4 = (n: number) => (HEX4[n] ??= n.toString(16).padStart(4, '0'));

/**
 * Bytes that must be escaped inside a PDF literal string, and the letter after the
 * backslash: `(`, `)`, `\\`, and end-of-line bytes (a raw CR would be read as LF).
 */
const ESCAPE = new Uint8Array(256);
ESCAPE[0x28] = 0x28;
ESCAPE[0x29] = 0x29;
ESCAPE[0x5c] = 0x5c;
ESCAPE[0x0d] = 0x72; // r
ESCAPE[0x0a] = 0x6e; // n

/**
 * A font's use in one document: glyphs are numbered in order of first use (CID = glyph
 * id of the subset, Identity-H), and the PDF objects are written at the end. The font
 * program is assembled from glyph data the thread prepared when it first met each glyph
 * (see ttf.ts): no font parsing and no per-glyph work is repeated across documents.
 */
export class FontUse {
  /**
   * This use's generation of the font's `stamp`/`slot` scratch (original glyph id → subset
   * id): shared by the thread's documents, which are rendered one at a time (synchronously).
   */
  private readonly gen: number;
  /** Original glyph ids by subset id; [0] is .notdef. */
  private readonly order: number[] = [0];
  /** Code point first printed with each subset glyph (0: none), for ToUnicode. */
  private readonly cps: number[] = [0];

  constructor(readonly font: LoadedFont, readonly id: string) {
    this.gen = font.beginUse();
  }

  /**
   * Writes `s` as the body of a PDF literal string: 2-byte subset glyph ids (Identity-H),
   * as raw bytes rather than hex (half the size, so less to deflate).
   */
  writeText(out: ByteWriter, s: string): void {
    const f = this.font;
    const { stamp, slot } = f;
    const gen = this.gen;
    out.room(4 * s.length); // at most two escaped bytes per UTF-16 unit
    const b = out.buf;
    let p = out.pos;
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) cp = s.codePointAt(i++)!;
      const g = f.gid(cp);
      let n: number;
      if (stamp[g] === gen) n = slot[g];
      else if (g === 0) n = 0;
      else {
        n = this.order.length;
        stamp[g] = gen;
        slot[g] = n;
        this.order.push(g);
        this.cps.push(cp);
      }
      const hi = n >> 8;
      const lo = n & 0xff;
      if (ESCAPE[hi]) { b[p++] = 0x5c; b[p++] = ESCAPE[hi]; } else b[p++] = hi;
      if (ESCAPE[lo]) { b[p++] = 0x5c; b[p++] = ESCAPE[lo]; } else b[p++] = lo;
    }
    out.pos = p;
  }

  /** Writes the subset, widths, ToUnicode and dictionaries; returns the Type0 font's object number. */
  write(w: PdfWriter): number {
    const f = this.font;
    const { stamp, slot } = f;
    const gen = this.gen;
    const order = this.order;
    const printed = order.length;
    // Components of composite glyphs (accented letters) join the subset, unprinted.
    for (let i = 1; i < printed; i++) {
      for (const c of f.ttf.components(order[i])) {
        if (c !== 0 && stamp[c] !== gen) { stamp[c] = gen; slot[c] = order.length; order.push(c); }
      }
    }
    const newId = (g: number) => (g === 0 ? 0 : slot[g]);
    const tag = subsetTag(order, this.id);
    const baseFont = `${tag}+${f.postscriptName}`;

    // The font program is stored as is: TrueType glyph data deflates by only ~30%, and
    // deflating it cost a tenth of a PDF's time.
    const plan = f.ttf.planSubset(order);
    const file = w.alloc();
    w.streamWith(file, ` /Length1 ${plan.total}`, plan.total, (out) => f.ttf.writeSubset(plan, out, newId));

    const descriptor = w.alloc();
    w.object(descriptor, `<< /Type /FontDescriptor /FontName /${baseFont}${f.descriptor} /FontFile2 ${ref(file)} >>`);

    let widths = '';
    for (let i = 0; i < printed; i++) widths += `${f.widthText(order[i])} `;
    const cid = w.alloc();
    w.object(cid, `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${ref(descriptor)} /W [0 [${widths}]] /CIDToGIDMap /Identity >>`);

    const toUnicode = w.alloc();
    w.stream(toUnicode, '', toUnicodeCMap(this.cps));

    const type0 = w.alloc();
    w.object(type0, `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H /DescendantFonts [${ref(cid)}] /ToUnicode ${ref(toUnicode)} >>`);
    return type0;
  }
}

/** `<…>` UTF-16BE hex of a code point, as a ToUnicode destination. */
function utf16Hex(cp: number): string {
  if (cp < 0x10000) return `<${hex4(cp)}>`;
  const v = cp - 0x10000;
  return `<${(0xd800 + (v >> 10)).toString(16)}${(0xdc00 + (v & 0x3ff)).toString(16)}>`;
}

/**
 * ToUnicode CMap: each CID back to the character first printed with it (text extraction).
 * CIDs 1…n are consecutive, so each run sharing a high byte is one bfrange with an array
 * of destinations (§9.10.3): half the bytes of one bfchar line per glyph.
 */
function toUnicodeCMap(cps: readonly number[]): string {
  const ranges: string[] = [];
  for (let lo = 1; lo < cps.length; lo = (lo | 0xff) + 1) {
    const hi = Math.min(cps.length - 1, lo | 0xff);
    let dst = '';
    for (let c = lo; c <= hi; c++) dst += utf16Hex(cps[c]);
    ranges.push(`<${hex4(lo)}> <${hex4(hi)}> [${dst}]`);
  }
  let body = '';
  for (let i = 0; i < ranges.length; i += 100) {
    const block = ranges.slice(i, i + 100); // at most 100 mappings per block
    body += `${block.length} beginbfrange\n${block.join('\n')}\nendbfrange\n`;
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${body}endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** Six uppercase letters derived from the glyph set (PDF subset tag, §9.6.4). */
function subsetTag(gids: number[], salt: string): string {
  let h = 2166136261;
  for (const c of salt) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  for (const g of gids) h = Math.imul(h ^ g, 16777619);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + ((h >>> 0) % 26));
    h = Math.imul(h ^ (h >>> 13), 2246822519);
  }
  return tag;
}
