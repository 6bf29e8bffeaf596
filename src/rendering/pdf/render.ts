/**
 * The PDF backend: writes a template's pages as PDF objects directly (writer.ts), with no
 * PDF library. Per document it writes one content stream per page, the font subsets
 * (fonts.ts, assembled from per-thread glyph data) and the logo (image.ts, read once per
 * thread), plus the catalog, page tree, info and cross-reference table.
 *
 * Why not pdfkit any more: with text, fonts and the QR already done by us, what was left of
 * pdfkit (a Readable stream per document, an object per dictionary value, character-by-
 * character string conversion, a deflate per stream) was a third of a PDF's time.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Branding, RenderInput } from '../renderer.ts';
import { buildViewModel, type InvoiceView } from '../view-model.ts';
import { getTemplate } from '../templates/index.ts';
import type { FontName, Op, Page } from '../templates/page.ts';
import { fonts, FontUse } from './fonts.ts';
import { logoImage, type LogoImage } from './image.ts';
import { qrMatrix, QUIET_ZONE } from './qr.ts';
import { num, PdfWriter, ref, textString } from './writer.ts';
import { ByteWriter } from './bytes.ts';

export const DEFAULT_ACCENT = '#1f4e79';
const LETTER = { width: 612, height: 792 };
/** Deflate level of content streams: level 1 is a third of the time of 6 for ~10% more bytes. */
const CONTENT_LEVEL = 1;

export interface PdfOptions {
  /** Deflate content streams (default true: ~4× smaller, a little slower). */
  compress?: boolean;
}

/** Combining marks: such text is composed (NFC) first, since glyphs are not shaped. */
const COMBINING = /[\u0300-\u036f]/;

const COLORS = new Map<string, [fill: string, stroke: string]>();
/**
 * `#rrggbb` → the fill and stroke colour operators (3 decimals; black for anything else),
 * in the shorter grey form (`g`/`G`) when red, green and blue are equal.
 */
function colorOps(hex: string | undefined): [fill: string, stroke: string] {
  const key = hex ?? '';
  let v = COLORS.get(key);
  if (v === undefined) {
    const h = hex && /^#[0-9a-fA-F]{6}$/.test(hex) ? hex : '#000000';
    const n = Number.parseInt(h.slice(1), 16);
    const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => num(c / 255, 3));
    v = r === g && g === b ? [`${r} g\n`, `${r} G\n`] : [`${r} ${g} ${b} rg\n`, `${r} ${g} ${b} RG\n`];
    if (COLORS.size < 1024) COLORS.set(key, v);
  }
  return v;
}

export function validAccent(color: string | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : DEFAULT_ACCENT;
}

/** `AAAA-MM-DDThh:mm:ss` (Mexico, Centro zone) as a PDF date, for a deterministic CreationDate. */
function creationDate(view: InvoiceView): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(view.timbre?.fechaTimbrado ?? view.fecha);
  return m ? `D:${m.slice(1).join('')}-06'00'` : 'D:19700101000000Z';
}

/**
 * Per-thread scratch buffers for the file and for one page's content stream: rendering is
 * synchronous, so one document uses them at a time, and they grow once to the largest.
 */
const fileBytes = new ByteWriter(128 * 1024);
const contentBytes = new ByteWriter(64 * 1024);

/** One document being written: fonts and the logo are added as pages need them. */
class Painter {
  private readonly w = new PdfWriter(fileBytes);
  private readonly uses: Partial<Record<FontName, FontUse>> = {};
  private readonly pageNums: number[] = [];
  private readonly pagesNum: number;
  private readonly resourcesNum: number;
  private logo: { image: LogoImage; num: number } | undefined;
  private readonly compress: boolean;

  constructor(private readonly branding: Branding, opts: PdfOptions) {
    this.compress = opts.compress ?? true;
    this.pagesNum = this.w.alloc();
    this.resourcesNum = this.w.alloc();
  }

  private font(name: FontName): FontUse {
    let u = this.uses[name];
    if (!u) {
      const f = fonts();
      u = this.uses[name] = new FontUse(name === 'bold' ? f.bold : f.regular, name === 'bold' ? 'F2' : 'F1');
    }
    return u;
  }

  private logoImage(): LogoImage | undefined {
    if (this.logo) return this.logo.image;
    const image = this.branding.logo?.length ? logoImage(this.branding.logo) : undefined;
    if (image) this.logo = { image, num: image.write(this.w) };
    return image;
  }

  paint(pages: Page[]): void {
    for (const p of pages) {
      this.content(p.ops);
      const raw = contentBytes.view();
      const data = this.compress ? deflateSync(raw, { level: CONTENT_LEVEL }) : raw;
      const contentNum = this.w.alloc();
      this.w.stream(contentNum, this.compress ? ' /Filter /FlateDecode' : '', data);
      const pageNum = this.w.alloc();
      this.w.object(pageNum, `<< /Type /Page /Parent ${ref(this.pagesNum)} /MediaBox [0 0 ${LETTER.width} ${LETTER.height}] /Resources ${ref(this.resourcesNum)} /Contents ${ref(contentNum)} >>`);
      this.pageNums.push(pageNum);
    }
  }

  /**
   * A page's content stream, into `contentBytes`. Templates place things top-down; PDF
   * space is bottom-up, so y becomes `height - y` here.
   */
  private content(ops: Op[]): void {
    const H = LETTER.height;
    const out = contentBytes;
    out.reset();
    let inText = false;
    let curFont: FontUse | undefined;
    let curSize = -1;
    let curFill = '';
    let curStroke = '';
    let curLw = -1;
    // Text position of the current line (Td is relative to it inside one BT … ET).
    let tx = 0;
    let ty = 0;
    const fill = (c: string | undefined) => {
      const v = colorOps(c)[0];
      if (v !== curFill) { out.latin1(v); curFill = v; }
    };
    const stroke = (c: string | undefined, lw: number) => {
      const v = colorOps(c)[1];
      if (v !== curStroke) { out.latin1(v); curStroke = v; }
      if (lw !== curLw) { out.num(lw); out.latin1(' w\n'); curLw = lw; }
    };
    const endText = () => { if (inText) { out.latin1('ET\n'); inText = false; } };
    const num2 = (a: number, b: number) => { out.num(a); out.byte(32); out.num(b); out.byte(32); };

    for (const op of ops) {
      switch (op.t) {
        case 'text': {
          if (op.s === '') break;
          const u = this.font(op.font);
          if (!inText) { out.latin1('BT\n'); inText = true; tx = 0; ty = 0; }
          fill(op.color ?? '#000000');
          if (u !== curFont || op.size !== curSize) {
            out.byte(47); out.latin1(u.id); out.byte(32); out.num(op.size, 3); out.latin1(' Tf\n');
            curFont = u; curSize = op.size;
          }
          const x = Math.round(op.x * 100) / 100;
          const y = Math.round((H - op.y - (u.font.ascender / 1000) * op.size) * 100) / 100;
          num2(x - tx, y - ty);
          out.latin1('Td (');
          u.writeText(out, COMBINING.test(op.s) ? op.s.normalize('NFC') : op.s);
          out.latin1(') Tj\n');
          tx = x;
          ty = y;
          break;
        }
        case 'rect': {
          endText();
          if (op.fill) fill(op.fill);
          if (op.stroke) stroke(op.stroke, op.lw ?? 0.5);
          num2(op.x, H - op.y - op.h);
          num2(op.w, op.h);
          out.latin1(op.fill && op.stroke ? 're B\n' : op.fill ? 're f\n' : 're S\n');
          break;
        }
        case 'line':
          endText();
          stroke(op.color, op.lw ?? 0.5);
          num2(op.x1, H - op.y1);
          out.latin1('m ');
          num2(op.x2, H - op.y2);
          out.latin1('l S\n');
          break;
        case 'qr': {
          endText();
          const m = qrMatrix(op.data);
          const n = m.size;
          const s = op.size / (n + 2 * QUIET_ZONE);
          // White square (quiet zone), then the dark modules as horizontal runs in module
          // units (rows downwards) through one `cm`.
          out.latin1('q 1 1 1 rg ');
          num2(op.x, H - op.y - op.size);
          num2(op.size, op.size);
          out.latin1('re f\n');
          out.num(s, 4); out.latin1(' 0 0 '); out.num(-s, 4); out.byte(32);
          num2(op.x, H - op.y);
          out.latin1('cm 0 0 0 rg\n');
          const mod = m.modules;
          for (let y = 0; y < n; y++) {
            const row = y * n;
            for (let x = 0; x < n;) {
              if (!mod[row + x]) { x++; continue; }
              const start = x;
              while (x < n && mod[row + x]) x++;
              out.uint(start + QUIET_ZONE); out.byte(32); out.uint(y + QUIET_ZONE); out.byte(32); out.uint(x - start); out.latin1(' 1 re\n');
            }
          }
          out.latin1('f Q\n');
          curFill = '';
          break;
        }
        case 'logo': {
          endText();
          const img = this.logoImage();
          if (!img) break;
          // Fitted into the box, aspect kept, left-aligned and vertically centred.
          const scale = Math.min(op.w / img.width, op.h / img.height);
          const w = img.width * scale;
          const h = img.height * scale;
          out.latin1('q ');
          for (const v of img.matrix(op.x, H - op.y - (op.h + h) / 2, w, h)) { out.num(v, 3); out.byte(32); }
          out.latin1('cm /Im1 Do Q\n');
          break;
        }
      }
    }
    endText();
  }

  end(view: InvoiceView): Buffer {
    const w = this.w;
    let fontsDict = '';
    for (const u of Object.values(this.uses)) fontsDict += ` /${u.id} ${ref(u.write(w))}`;
    w.object(this.resourcesNum, `<< /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font <<${fontsDict} >>${this.logo ? ` /XObject << /Im1 ${ref(this.logo.num)} >>` : ''} >>`);
    w.object(this.pagesNum, `<< /Type /Pages /Kids [${this.pageNums.map(ref).join(' ')}] /Count ${this.pageNums.length} >>`);
    const catalog = w.alloc();
    w.object(catalog, `<< /Type /Catalog /Pages ${ref(this.pagesNum)} >>`);
    const title = `${view.titulo} ${view.serieFolio} ${view.timbre?.uuid ?? ''}`.replace(/\s+/g, ' ').trim();
    const date = creationDate(view);
    const info = w.alloc();
    w.object(info, `<< /Title ${textString(title)} /Author ${textString(view.emisor.nombre)} /Subject ${textString('Representación impresa de un CFDI')} /Creator (cfdi-async) /Producer (cfdi-async) /CreationDate (${date}) >>`);
    // The file identifier (§14.4): derived from what identifies the document, so it is deterministic.
    const id = createHash('md5').update(`${title}\n${date}\n${view.sello ?? ''}`).digest('hex');
    return w.finish(catalog, info, id);
  }
}

/** The pages of the branding's template for a view: what `renderViewSync` then writes. */
export function layoutPages(view: InvoiceView, branding: Branding): Page[] {
  return getTemplate(branding.template).layout(view, {
    measure: fonts().measure,
    accent: validAccent(branding.color),
    hasLogo: !!branding.logo?.length,
    pageWidth: LETTER.width,
    pageHeight: LETTER.height,
  });
}

/** View model → PDF bytes with the branding's template, accent colour and logo (synchronous). */
export function renderViewSync(view: InvoiceView, branding: Branding, opts: PdfOptions = {}): Buffer {
  const painter = new Painter(branding, opts);
  painter.paint(layoutPages(view, branding));
  return painter.end(view);
}

/** View model → PDF bytes with the branding's template, accent colour and logo. */
export function renderView(view: InvoiceView, branding: Branding, opts: PdfOptions = {}): Promise<Buffer> {
  try {
    return Promise.resolve(renderViewSync(view, branding, opts));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Stamped CFDI (+ printed data, branding) → PDF bytes, in this thread (CPU-bound: use the pool off the event loop). */
export function renderPdfSync(input: RenderInput, opts: PdfOptions = {}): Buffer {
  return renderViewSync(buildViewModel(input), input.branding, opts);
}

/** `renderPdfSync` as a promise (failures reject rather than throw). */
export function renderPdf(input: RenderInput, opts: PdfOptions = {}): Promise<Buffer> {
  try {
    return Promise.resolve(renderPdfSync(input, opts));
  } catch (e) {
    return Promise.reject(e);
  }
}
