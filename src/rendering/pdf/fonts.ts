/**
 * The embedded fonts (DejaVu Sans Condensed from the `dejavu-fonts-ttf` package), parsed
 * once per thread, and their embedding in a PDF as Type0/CIDFontType2 subsets.
 *
 * Why not pdfkit's own font path: for every document it shapes each word with fontkit
 * (GSUB/GPOS lookups, ~40% of a PDF's time) and re-subsets the TTF through fontkit's
 * generic encoder (~13%). Invoice text needs neither ligatures nor kerning, so text is
 * mapped code point → glyph id through a per-thread cache, and the subset keeps the
 * original glyph ids (see ttf.ts). Layout widths come from the same metrics, so right-
 * aligned figures land exactly where the template put them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import type { FontName, Measure } from '../templates/page.ts';
import { TrueTypeProgram } from './ttf.ts';

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
  private readonly bmpGid: Int32Array;
  private readonly astralGid = new Map<number, number>();
  private readonly widths: Float64Array;

  constructor(readonly name: FontName, file: Buffer) {
    this.font = fontkit.create(file);
    this.ttf = new TrueTypeProgram(file);
    this.scale = 1000 / this.ttf.unitsPerEm;
    this.ascender = this.font.ascent * this.scale;
    this.bmpGid = new Int32Array(0x10000).fill(-1);
    this.widths = new Float64Array(this.ttf.numGlyphs).fill(-1);
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
        w += f.width(f.gid(cp));
      }
      return (w * size) / 1000;
    },
  };
  loaded = { regular, bold, measure };
  return loaded;
}

/** What a PDF document needs from pdfkit to add objects. */
export interface RefLike {
  data: Record<string, unknown>;
  end(chunk?: Buffer | string): void;
}
export interface DocLike {
  ref(data?: Record<string, unknown>): RefLike;
}

/** Deflate level of embedded font programs: 0 = stored (see finalize). */
const FONT_LEVEL = 0;

/** 4-hex-digit strings for glyph ids (ToUnicode), shared by all fonts and documents. */
const HEX4: string[] = [];
const hex4 = (n: number) => (HEX4[n] ??= n.toString(16).padStart(4, '0'));

/**
 * A glyph id as the two bytes of a PDF literal string (chars 0–255, written as latin1):
 * half the size of hex in the content stream, so less to deflate. `(`, `)`, `\\` and
 * end-of-line bytes are escaped (a raw CR would be read as LF).
 */
const LIT2: string[] = [];
const ESC: Record<number, string> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0d: '\\r', 0x0a: '\\n' };
const litByte = (b: number) => ESC[b] ?? String.fromCharCode(b);
const lit2 = (n: number) => (LIT2[n] ??= litByte(n >> 8) + litByte(n & 0xff));

/**
 * A font's use in one document: glyphs are numbered in order of first use (CID = glyph
 * id of the subset, Identity-H), and the PDF objects are written at the end.
 */
export class FontUse {
  /** The Type0 font object pages refer to. */
  readonly ref: RefLike;
  /** Original glyph id → subset glyph id (-1 unused). */
  private readonly newId: Int32Array;
  /** Original glyph ids by subset id; [0] is .notdef. */
  private readonly order: number[] = [0];
  /** Code point first printed with each subset glyph (0: none), for ToUnicode. */
  private readonly cps: number[] = [0];

  constructor(readonly font: LoadedFont, private readonly doc: DocLike, readonly id: string) {
    this.ref = doc.ref({ Type: 'Font', Subtype: 'Type0' });
    this.newId = new Int32Array(font.ttf.numGlyphs).fill(-1);
    this.newId[0] = 0;
  }

  /** `s` as the body of a PDF literal string of 2-byte subset glyph ids (Identity-H). */
  encode(s: string): string {
    const f = this.font;
    const map = this.newId;
    let out = '';
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) cp = s.codePointAt(i++)!;
      const g = f.gid(cp);
      let n = map[g];
      if (n < 0) {
        n = map[g] = this.order.length;
        this.order.push(g);
        this.cps.push(cp);
      }
      out += lit2(n);
    }
    return out;
  }

  /** Writes the subset, widths, ToUnicode and dictionaries. `level`: deflate level of the font file. */
  finalize(level: number): void {
    const f = this.font;
    const printed = this.order.length;
    // Components of composite glyphs (accented letters) join the subset, unprinted.
    for (let i = 1; i < printed; i++) {
      for (const c of f.ttf.components(this.order[i])) {
        if (this.newId[c] < 0) { this.newId[c] = this.order.length; this.order.push(c); }
      }
    }
    const tag = subsetTag(this.order, this.id);
    const baseFont = `${tag}+${f.font.postscriptName.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '_')}`;

    // The font program is stored as is: TrueType glyph data deflates by only ~30% (2 KB),
    // and deflating it was ~10% of a PDF's time.
    const program = f.ttf.subset(this.order, (g) => this.newId[g]);
    const file = this.doc.ref({ Length1: program.length, Filter: 'FlateDecode' });
    file.end(deflateSync(program, { level: FONT_LEVEL }));

    const fk = f.font as fontkit.Font & { bbox?: { minX: number; minY: number; maxX: number; maxY: number }; italicAngle?: number; capHeight?: number };
    const bb = fk.bbox;
    const descriptor = this.doc.ref({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: 4, // symbolic: glyphs are addressed by id, not by a standard encoding
      FontBBox: bb ? [bb.minX, bb.minY, bb.maxX, bb.maxY].map((v) => Math.round(v * f.scale)) : [0, 0, 1000, 1000],
      ItalicAngle: fk.italicAngle ?? 0,
      Ascent: Math.round(f.ascender),
      Descent: Math.round(fk.descent * f.scale),
      CapHeight: Math.round((fk.capHeight ?? fk.ascent) * f.scale),
      StemV: f.name === 'bold' ? 120 : 80,
      FontFile2: file,
    });
    descriptor.end();

    const widths: number[] = [];
    for (let i = 0; i < printed; i++) widths.push(Math.round(f.width(this.order[i]) * 1000) / 1000);
    const cid = this.doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, widths],
      CIDToGIDMap: 'Identity',
    });
    cid.end();

    const pairs: Array<[number, number]> = [];
    for (let i = 1; i < printed; i++) if (this.order[i] !== 0) pairs.push([i, this.cps[i]]);
    const cmap = Buffer.from(toUnicodeCMap(pairs), 'latin1');
    const toUnicode = level > 0 ? this.doc.ref({ Filter: 'FlateDecode' }) : this.doc.ref();
    toUnicode.end(level > 0 ? deflateSync(cmap, { level }) : cmap);

    Object.assign(this.ref.data, {
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cid],
      ToUnicode: toUnicode,
    });
    this.ref.end();
  }
}

function utf16Hex(cp: number): string {
  if (cp < 0x10000) return cp.toString(16).padStart(4, '0');
  const v = cp - 0x10000;
  return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16));
}

/** ToUnicode CMap: each glyph id back to the character printed with it (text extraction). */
function toUnicodeCMap(pairs: Array<[number, number]>): string {
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const part = pairs.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([g, cp]) => `<${hex4(g)}> <${utf16Hex(cp)}>`).join('\n')}\nendbfchar`);
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
${chunks.join('\n')}
endcmap
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
