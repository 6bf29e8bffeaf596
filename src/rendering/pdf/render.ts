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

const RGB = new Map<string, string>();
/** `#rrggbb` → `r g b` operands (3 decimals), black for anything else. */
function rgb(hex: string | undefined): string {
  const key = hex ?? '';
  let v = RGB.get(key);
  if (v === undefined) {
    const h = hex && /^#[0-9a-fA-F]{6}$/.test(hex) ? hex : '#000000';
    const n = Number.parseInt(h.slice(1), 16);
    v = `${num(((n >> 16) & 255) / 255, 3)} ${num(((n >> 8) & 255) / 255, 3)} ${num((n & 255) / 255, 3)}`;
    if (RGB.size < 1024) RGB.set(key, v);
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

/** One document being written: fonts and the logo are added as pages need them. */
class Painter {
  private readonly w = new PdfWriter();
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
      const content = this.content(p.ops);
      const data = this.compress ? deflateSync(Buffer.from(content, 'latin1'), { level: CONTENT_LEVEL }) : content;
      const contentNum = this.w.alloc();
      this.w.stream(contentNum, this.compress ? ' /Filter /FlateDecode' : '', data);
      const pageNum = this.w.alloc();
      this.w.object(pageNum, `<< /Type /Page /Parent ${ref(this.pagesNum)} /MediaBox [0 0 ${LETTER.width} ${LETTER.height}] /Resources ${ref(this.resourcesNum)} /Contents ${ref(contentNum)} >>`);
      this.pageNums.push(pageNum);
    }
  }

  /**
   * A page's content stream (latin1: text bytes are glyph ids). Templates place things
   * top-down; PDF space is bottom-up, so y becomes `height - y` here.
   */
  private content(ops: Op[]): string {
    const H = LETTER.height;
    let out = '';
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
      const v = rgb(c);
      if (v !== curFill) { out += `${v} rg\n`; curFill = v; }
    };
    const stroke = (c: string | undefined, lw: number) => {
      const v = rgb(c);
      if (v !== curStroke) { out += `${v} RG\n`; curStroke = v; }
      if (lw !== curLw) { out += `${num(lw)} w\n`; curLw = lw; }
    };
    const endText = () => { if (inText) { out += 'ET\n'; inText = false; } };

    for (const op of ops) {
      switch (op.t) {
        case 'text': {
          if (op.s === '') break;
          const u = this.font(op.font);
          if (!inText) { out += 'BT\n'; inText = true; tx = 0; ty = 0; }
          fill(op.color ?? '#000000');
          if (u !== curFont || op.size !== curSize) { out += `/${u.id} ${num(op.size, 3)} Tf\n`; curFont = u; curSize = op.size; }
          const x = Math.round(op.x * 100) / 100;
          const y = Math.round((H - op.y - (u.font.ascender / 1000) * op.size) * 100) / 100;
          const s = COMBINING.test(op.s) ? op.s.normalize('NFC') : op.s;
          out += `${num(x - tx)} ${num(y - ty)} Td (${u.encode(s)}) Tj\n`;
          tx = x;
          ty = y;
          break;
        }
        case 'rect': {
          endText();
          if (op.fill) fill(op.fill);
          if (op.stroke) stroke(op.stroke, op.lw ?? 0.5);
          const paint = op.fill && op.stroke ? 'B' : op.fill ? 'f' : 'S';
          out += `${num(op.x)} ${num(H - op.y - op.h)} ${num(op.w)} ${num(op.h)} re ${paint}\n`;
          break;
        }
        case 'line':
          endText();
          stroke(op.color, op.lw ?? 0.5);
          out += `${num(op.x1)} ${num(H - op.y1)} m ${num(op.x2)} ${num(H - op.y2)} l S\n`;
          break;
        case 'qr': {
          endText();
          const m = qrMatrix(op.data);
          const s = op.size / (m.size + 2 * QUIET_ZONE);
          const o = QUIET_ZONE;
          // White square (quiet zone), then the dark runs in module units (rows downwards) through one `cm`.
          out += `q 1 1 1 rg ${num(op.x)} ${num(H - op.y - op.size)} ${num(op.size)} ${num(op.size)} re f\n`;
          out += `${num(s, 4)} 0 0 ${num(-s, 4)} ${num(op.x)} ${num(H - op.y)} cm 0 0 0 rg\n`;
          for (const r of m.runs) out += `${r.x + o} ${r.y + o} ${r.w} 1 re\n`;
          out += 'f Q\n';
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
          const m = img.matrix(op.x, H - op.y - (op.h + h) / 2, w, h);
          out += `q ${m.map((v) => num(v, 3)).join(' ')} cm /Im1 Do Q\n`;
          break;
        }
      }
    }
    endText();
    return out;
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

/** View model → PDF bytes with the branding's template, accent colour and logo (synchronous). */
export function renderViewSync(view: InvoiceView, branding: Branding, opts: PdfOptions = {}): Buffer {
  const template = getTemplate(branding.template);
  const pages = template.layout(view, {
    measure: fonts().measure,
    accent: validAccent(branding.color),
    hasLogo: !!branding.logo?.length,
    pageWidth: LETTER.width,
    pageHeight: LETTER.height,
  });
  const painter = new Painter(branding, opts);
  painter.paint(pages);
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
export function renderPdf(input: RenderInput, opts: PdfOptions = {}): Promise<Buffer> {
  try {
    return Promise.resolve(renderViewSync(buildViewModel(input), input.branding, opts));
  } catch (e) {
    return Promise.reject(e);
  }
}
