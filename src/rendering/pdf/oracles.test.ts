/**
 * The PDF writer read back by independent parsers: qpdf (structure, xref, streams),
 * poppler (pdffonts, pdfinfo, pdftotext, pdftoppm) and fontTools (every embedded font
 * against the original DejaVu glyphs). Cases aim at what a fast writer can get wrong:
 * glyphs first met on a later page or in a later document, escaped glyph-id bytes, big
 * subsets (long loca), state left over from earlier documents, logos of every PNG kind.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderPdf } from './render.ts';
import { PdfWriter } from './writer.ts';
import { ByteWriter } from './bytes.ts';
import { fonts } from './fonts.ts';
import { createPdfRenderer } from '../pool.ts';
import { manyConceptsComprobante, sampleComprobante, samplePrinted } from '../fixtures.ts';
import { emptyDatosImpresos } from '../../cfdi/printed.ts';
import type { RenderInput } from '../renderer.ts';
import {
  checkFonts, decodeQr, missingWriterTools, pdfFonts, pdfInfo, pdfPages, pdfPixels, pdfText, qpdfCheck, skipWithout,
} from '../testing/pdf-check.ts';
import { encodePng, makePng } from '../testing/png.ts';
import { buildViewModel } from '../view-model.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tools = missingWriterTools();

/** Everything the readers must accept in any PDF we write. */
function assertSound(pdf: Buffer, label: string): void {
  const q = qpdfCheck(pdf);
  assert.ok(q.ok, `${label}: qpdf --check\n${q.output}`);
  const rows = pdfFonts(pdf);
  assert.ok(rows.length > 0, `${label}: fonts`);
  for (const f of rows) {
    assert.match(f.name, /^[A-Z]{6}\+DejaVuSansCondensed(-Bold)?$/, label);
    assert.deepEqual([f.type, f.encoding, f.emb, f.sub, f.uni], ['CID TrueType', 'Identity-H', 'yes', 'yes', 'yes'], `${label}: ${f.name}`);
  }
  const fc = checkFonts(pdf);
  assert.deepEqual(fc.errors, [], `${label}: fontTools`);
  for (const f of fc.fonts) assert.ok(f.checked > 0 && f.checked === f.mapped, `${label}: ${f.baseFont} ${JSON.stringify(f)}`);
}

const sample = (template: string, extra: Partial<RenderInput['branding']> = {}): RenderInput =>
  ({ comprobante: sampleComprobante(), printed: samplePrinted(), branding: { template, color: '#0a7d5a', ...extra } });

describe('the PDF as independent parsers read it', () => {
  test('both templates, one and several pages, with and without logo: qpdf, pdffonts and fontTools accept them', async (t) => {
    if (skipWithout(t, tools)) return;
    const logo = makePng(120, 60, (x, y) => [x * 2, y * 4, 200, x < 60 ? 255 : 128], true);
    const cases: Array<[string, RenderInput]> = [
      ['clasica', sample('clasica')],
      ['moderna + logo', sample('moderna', { logo })],
      ['clasica + logo', sample('clasica', { logo })],
      ['300 concepts', { comprobante: manyConceptsComprobante(300, { longEvery: 37 }), printed: emptyDatosImpresos(), branding: { template: 'moderna' } }],
    ];
    for (const [label, input] of cases) assertSound(await renderPdf(input), label);
  });

  test('a glyph used on the last page only is embedded, drawn and extracted', async (t) => {
    if (skipWithout(t, tools)) return;
    const c = manyConceptsComprobante(60);
    const rare = 'Ωmega Жук ẞtraße ŉ ǅ';
    c.Conceptos[57].Descripcion = `Artículo raro: ${rare}`;
    const pdf = await renderPdf({ comprobante: c, printed: emptyDatosImpresos(), branding: {} });
    const pages = pdfText(pdf).split('\f').filter((p) => p.trim() !== '');
    assert.ok(pages.length >= 2, `pages: ${pages.length}`);
    const where = pages.findIndex((p) => p.includes(rare));
    assert.ok(where >= 1, `found on page ${where + 1} of ${pages.length}`);
    for (const ch of 'ΩЖẞŉǅ') assert.ok(!pages[0].includes(ch), `${ch} not on page 1`);
    pages.forEach((p, i) => assert.ok(p.includes(`Página ${i + 1} de ${pages.length}`) && p.includes('ESCUELA KEMPER URGATE'), `page ${i + 1}`));
    assertSound(pdf, 'rare glyph on a later page');
  });

  test('3,400 distinct characters in one font: escaped glyph-id bytes, long loca, many ToUnicode ranges', async (t) => {
    if (skipWithout(t, tools)) return;
    // Every letter, digit, punctuation and symbol of these blocks that both fonts have and
    // that reads back as itself: subset glyph ids run past 0x0d00, so both bytes of some ids
    // are (, ), \, CR or LF and must be escaped; the glyf table outgrows short loca offsets.
    const blocks = [[0x21, 0x2af], [0x370, 0x58f], [0x1d00, 0x1dbf], [0x1e00, 0x1fff], [0x2070, 0x2bff], [0x2c00, 0x2dff], [0xa640, 0xa7ff]];
    const f = fonts();
    const cps: number[] = [];
    for (const [a, b] of blocks) {
      for (let cp = a; cp <= b; cp++) {
        const ch = String.fromCodePoint(cp);
        if (!/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) || ch.normalize('NFKC') !== ch) continue;
        if (f.regular.gid(cp) && f.bold.gid(cp)) cps.push(cp);
      }
    }
    assert.ok(cps.length > 3330, `${cps.length} characters`);
    const c = manyConceptsComprobante(Math.ceil(cps.length / 400));
    c.Conceptos.forEach((k, i) => {
      k.Descripcion = cps.slice(i * 400, (i + 1) * 400).map((cp, j) => String.fromCodePoint(cp) + (j % 20 === 19 ? ' ' : '')).join('');
    });
    const pdf = await renderPdf({ comprobante: c, printed: emptyDatosImpresos(), branding: {} });
    const text = pdfText(pdf);
    const missing = cps.filter((cp) => !text.includes(String.fromCodePoint(cp)));
    assert.deepEqual(missing.map((cp) => `U+${cp.toString(16)}`), []);
    assertSound(pdf, 'many glyphs');
    const regular = checkFonts(pdf).fonts.find((x) => /\+DejaVuSansCondensed$/.test(x.baseFont))!;
    assert.ok(regular.mapped > 0x0d00, `CIDs up to ${regular.mapped}`);
  });

  test('a glyph first seen in the 1000th document; no document depends on the ones before it', async (t) => {
    const georgian = 'ႠႡႢႣ ႤႥ';
    const special = (): RenderInput => {
      const c = sampleComprobante();
      c.Conceptos[2].Descripcion = `Agua ${georgian}`;
      return { comprobante: c, printed: samplePrinted(), branding: { template: 'moderna' } };
    };
    // The same document from a thread that never rendered anything else.
    const fresh = createPdfRenderer({ threads: 1 });
    let clean: Buffer;
    try {
      clean = await fresh.render(special());
    } finally {
      await fresh.close();
    }
    const docs: Buffer[] = [];
    for (let i = 0; i < 999; i++) {
      const c = manyConceptsComprobante(1 + (i % 12));
      c.Folio = String(i);
      c.Conceptos[0].Descripcion = `Documento ${i}: ${'áéíóúñÑ¿¡€'.slice(0, i % 11)}`;
      docs.push(await renderPdf({ comprobante: c, printed: emptyDatosImpresos(), branding: { template: i % 2 ? 'moderna' : 'clasica' } }));
    }
    const late = await renderPdf(special());
    assert.ok(late.equals(clean), 'the 1000th document is byte for byte what a fresh thread writes');
    const c0 = manyConceptsComprobante(1);
    c0.Folio = '0';
    c0.Conceptos[0].Descripcion = 'Documento 0: ';
    assert.ok((await renderPdf({ comprobante: c0, printed: emptyDatosImpresos(), branding: { template: 'clasica' } })).equals(docs[0]),
      'the first document again, after 1000 others: same bytes');
    if (skipWithout(t, tools)) return;
    assert.ok(pdfText(late).includes(`Agua ${georgian}`));
    assertSound(late, '1000th document');
  });

  test('Info dictionary: title, author with non-ASCII characters and PDF delimiters, dates', async (t) => {
    if (skipWithout(t, tools)) return;
    const c = sampleComprobante();
    c.Emisor.Nombre = 'PEÑA (MÉXICO) \\ HIJOS';
    const pdf = await renderPdf({ comprobante: c, printed: samplePrinted(), branding: {} });
    const info = pdfInfo(pdf);
    assert.equal(info.Title, 'Factura A-1024 9FB6ED1A-5F37-4FEF-980A-7F8C83B51894');
    assert.equal(info.Author, 'PEÑA (MÉXICO) \\ HIJOS');
    assert.equal(info.Subject, 'Representación impresa de un CFDI');
    assert.equal(info.Producer, 'cfdi-async');
    assert.match(info.CreationDate, /2024/);
    assert.equal(info.Pages, '1');
    assert.equal(info['Page size'], '612 x 792 pts (letter)');
    assertSound(pdf, 'info');
  });
});

describe('PdfWriter', () => {
  test('a reserved object that is never written is an error, not a broken file', () => {
    const w = new PdfWriter(new ByteWriter(16));
    const n = w.alloc();
    w.alloc();
    w.object(n, '<< /Type /Catalog >>');
    assert.throws(() => w.finish(n, n, '00'), /object 2 was reserved but never written/);
  });

  test('grows its buffer and keeps every byte', (t) => {
    const w = new PdfWriter(new ByteWriter(16));
    const catalog = w.alloc();
    const pages = w.alloc();
    const page = w.alloc();
    const content = w.alloc();
    const info = w.alloc();
    const big = Buffer.from(`BT /F1 12 Tf 72 700 Td ${'(x) Tj '.repeat(5000)}ET`, 'latin1');
    w.stream(content, '', big);
    w.object(page, `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Contents ${content} 0 R >>`);
    w.object(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
    w.object(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
    w.object(info, '<< /Producer (test) >>');
    const pdf = w.finish(catalog, info, '0123456789abcdef0123456789abcdef');
    assert.ok(pdf.includes(big), 'stream bytes intact');
    if (skipWithout(t, tools)) return;
    assert.ok(qpdfCheck(pdf).ok, qpdfCheck(pdf).output);
  });
});

// ---- logos ----------------------------------------------------------------------------

type RGB = [number, number, number];
const RED: RGB = [220, 30, 40];
const GREEN: RGB = [30, 160, 60];
const BLUE: RGB = [30, 60, 200];
const YELLOW: RGB = [240, 200, 20];
const WHITE: RGB = [255, 255, 255];

/** The colour of quadrant q of a 120×60 logo: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right. */
const quadrant = (x: number, y: number) => (x < 60 ? 0 : 1) + (y < 30 ? 0 : 2);
const QUADS: RGB[] = [RED, GREEN, BLUE, YELLOW];

/**
 * The colours at the centres of the logo's four quadrants as printed by the clasica template:
 * its logo box is 110×55 pt at (36, 36), and a 2:1 logo fills it.
 */
function printedQuadrants(pdf: Buffer, box = { x: 36, y: 36, w: 110, h: 55 }): RGB[] {
  const px = pdfPixels(pdf, 144);
  return [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].map(([fx, fy]) => px.at(box.x + fx * box.w, box.y + fy * box.h));
}

function assertColours(got: RGB[], want: RGB[], tolerance: number, label: string): void {
  got.forEach((g, i) => {
    assert.ok(g.every((v, k) => Math.abs(v - want[i][k]) <= tolerance), `${label}: quadrant ${i} is ${g.join(',')}, expected ${want[i].join(',')}`);
  });
}

const withLogo = (logo: Buffer) => renderPdf({ ...sample('clasica'), branding: { template: 'clasica', logo } });

describe('logos as poppler paints them', () => {
  const to = (v: number, depth: number) => Math.round((v * ((1 << depth) - 1)) / 255);
  const grey = ([r, g, b]: RGB) => Math.round((r + g + b) / 3);

  const pngCases: Array<[string, Buffer, RGB[]]> = [
    ['RGB 8-bit', encodePng(120, 60, { colorType: 2, bitDepth: 8 }, (x, y) => QUADS[quadrant(x, y)]), QUADS],
    ['RGB 16-bit', encodePng(120, 60, { colorType: 2, bitDepth: 16 }, (x, y) => QUADS[quadrant(x, y)].map((v) => v * 257)), QUADS],
    ['RGB interlaced', encodePng(120, 60, { colorType: 2, bitDepth: 8, interlace: true }, (x, y) => QUADS[quadrant(x, y)]), QUADS],
    ['RGBA 8-bit, transparent and half-transparent quadrants',
      encodePng(120, 60, { colorType: 6, bitDepth: 8 }, (x, y) => [...QUADS[quadrant(x, y)], [255, 0, 255, 128][quadrant(x, y)]]),
      [RED, WHITE, BLUE, [248, 227, 137]]],
    // 16-bit samples whose low byte differs from the high one: only the high byte counts.
    ['RGBA 16-bit', encodePng(120, 60, { colorType: 6, bitDepth: 16 }, (x, y) => [...QUADS[quadrant(x, y)].map((v) => v * 256 + 0x5a), quadrant(x, y) === 1 ? 0x5a : 0xff5a]),
      [RED, WHITE, BLUE, YELLOW]],
    ['grey 8-bit', encodePng(120, 60, { colorType: 0, bitDepth: 8 }, (x, y) => [grey(QUADS[quadrant(x, y)])]), QUADS.map((c) => [grey(c), grey(c), grey(c)] as RGB)],
    ['grey 16-bit', encodePng(120, 60, { colorType: 0, bitDepth: 16 }, (x, y) => [grey(QUADS[quadrant(x, y)]) * 256 + 0xa5]), QUADS.map((c) => [grey(c), grey(c), grey(c)] as RGB)],
    ['grey 16-bit + alpha', encodePng(120, 60, { colorType: 4, bitDepth: 16 }, (x, y) => [grey(QUADS[quadrant(x, y)]) * 256 + 0xa5, 0xff00]),
      QUADS.map((c) => [grey(c), grey(c), grey(c)] as RGB)],
    ['grey 1-bit', encodePng(120, 60, { colorType: 0, bitDepth: 1 }, (x, y) => [quadrant(x, y) % 3 === 0 ? 1 : 0]), [WHITE, [0, 0, 0], [0, 0, 0], WHITE]],
    ['grey 4-bit interlaced', encodePng(120, 60, { colorType: 0, bitDepth: 4, interlace: true }, (x, y) => [to([0, 85, 170, 255][quadrant(x, y)], 4)]),
      [[0, 0, 0], [85, 85, 85], [170, 170, 170], WHITE]],
    ['grey + alpha', encodePng(120, 60, { colorType: 4, bitDepth: 8 }, (x, y) => [0, [255, 0, 128, 255][quadrant(x, y)]]),
      [[0, 0, 0], WHITE, [127, 127, 127], [0, 0, 0]]],
    ['grey with a tRNS key', encodePng(120, 60, { colorType: 0, bitDepth: 8, trns: Buffer.from([0, 77]) }, (x, y) => [[0, 77, 128, 0][quadrant(x, y)]]),
      [[0, 0, 0], WHITE, [128, 128, 128], [0, 0, 0]]],
    ['palette 4-bit', encodePng(120, 60, { colorType: 3, bitDepth: 4, palette: QUADS }, (x, y) => [quadrant(x, y)]), QUADS],
    ['palette 2-bit interlaced', encodePng(120, 60, { colorType: 3, bitDepth: 2, palette: QUADS, interlace: true }, (x, y) => [quadrant(x, y)]), QUADS],
    ['palette with tRNS alpha', encodePng(120, 60, { colorType: 3, bitDepth: 8, palette: QUADS, trns: Buffer.from([255, 0, 255]) }, (x, y) => [quadrant(x, y)]),
      [RED, WHITE, BLUE, YELLOW]],
    ['RGB with a tRNS colour key', encodePng(120, 60, { colorType: 2, bitDepth: 8, trns: Buffer.from([0, 30, 0, 160, 0, 60]) }, (x, y) => QUADS[quadrant(x, y)]),
      [RED, WHITE, BLUE, YELLOW]],
  ];

  for (const [label, png, want] of pngCases) {
    test(`PNG ${label}`, async (t) => {
      const pdf = await withLogo(png);
      if (skipWithout(t, tools)) return;
      assertColours(printedQuadrants(pdf), want, 3, label);
      assert.ok(qpdfCheck(pdf).ok, qpdfCheck(pdf).output);
    });
  }

  test('JPEG (RGB, CMYK, grey) and its EXIF orientation', async (t) => {
    if (skipWithout(t, tools)) return;
    const rgb = jpegOf('rgb');
    assertColours(printedQuadrants(await withLogo(rgb)), QUADS, 12, 'RGB JPEG');
    // CMYK JPEGs are stored inverted (Adobe APP14), as poppler and Photoshop write them; the
    // RGB → CMYK → RGB round trip is approximate, so each quadrant need only be nearest its colour.
    const cmykPdf = await withLogo(jpegOf('cmyk'));
    assert.ok(cmykPdf.includes('/ColorSpace /DeviceCMYK'), 'a CMYK JPEG');
    const cmyk = printedQuadrants(cmykPdf);
    const dist = (a: RGB, b: RGB) => a.reduce((d, v, k) => d + (v - b[k]) ** 2, 0);
    cmyk.forEach((g, i) => {
      const nearest = [...QUADS, WHITE, [0, 0, 0] as RGB].reduce((best, c) => (dist(g, c) < dist(g, best) ? c : best));
      assert.deepEqual(nearest, QUADS[i], `CMYK JPEG quadrant ${i}: ${g.join(',')}`);
    });
    const grey = jpegOf('grey');
    assertColours(printedQuadrants(await withLogo(grey)), QUADS.map((c) => Array(3).fill(luma(c)) as RGB), 12, 'grey JPEG');
    // Orientation 6: shown turned 90° clockwise, 60×120, so fitted 27.5×55 pt at the left of the box.
    const turned = printedQuadrants(await withLogo(withExifOrientation(rgb, 6)), { x: 36, y: 36, w: 27.5, h: 55 });
    assertColours(turned, [BLUE, RED, YELLOW, GREEN], 12, 'JPEG orientation 6');
    // Orientation 3: upside down.
    assertColours(printedQuadrants(await withLogo(withExifOrientation(rgb, 3))), [YELLOW, BLUE, GREEN, RED], 12, 'JPEG orientation 3');
  });

  test('the logo keeps its aspect: a wide one is centred vertically, a tall one stays at the left', async (t) => {
    if (skipWithout(t, tools)) return;
    // 120×30 into the 110×55 box: 110×27.5, from y = 36 + 13.75.
    const wide = await withLogo(encodePng(120, 30, { colorType: 2, bitDepth: 8 }, (x) => (x < 60 ? RED : BLUE)));
    const px = pdfPixels(wide, 144);
    assert.deepEqual([px.at(40, 40), px.at(40, 87), px.at(140, 40)], [WHITE, WHITE, WHITE], 'margins above and below');
    assertColours([px.at(40, 63.5), px.at(140, 63.5)], [RED, BLUE], 3, 'wide logo');
    // 30×60 into 110×55: 27.5×55 at the left of the box.
    const tall = await withLogo(encodePng(30, 60, { colorType: 2, bitDepth: 8 }, (_, y) => (y < 30 ? GREEN : YELLOW)));
    const pt = pdfPixels(tall, 144);
    assertColours([pt.at(50, 40), pt.at(50, 88), pt.at(70, 63.5), pt.at(140, 63.5)], [GREEN, YELLOW, WHITE, WHITE], 3, 'tall logo');
  });

  test('a logo that is not a readable PNG or JPEG is left out; the invoice still renders', async (t) => {
    const good = makePng(120, 60, (x, y) => [...QUADS[quadrant(x, y)], 255] as [number, number, number, number]);
    const truncated = good.subarray(0, good.length - 40); // IDAT cut short
    const badDepth = encodePng(120, 60, { colorType: 2, bitDepth: 8 }, () => [1, 2, 3]);
    badDepth[8 + 8 + 8] = 3; // IHDR bit depth 3: invalid
    for (const [label, logo] of [['garbage', Buffer.from('not an image')], ['truncated PNG', truncated], ['bad bit depth', badDepth],
      ['JPEG without a frame header', Buffer.from([0xff, 0xd8, 0xff, 0xd9])]] as const) {
      const pdf = await withLogo(logo);
      assert.ok(!pdf.toString('latin1').includes('/Subtype /Image'), `${label}: no image`);
      if (tools) continue;
      assert.ok(qpdfCheck(pdf).ok, label);
      assert.deepEqual(printedQuadrants(pdf), [WHITE, WHITE, WHITE, WHITE], label);
      assert.ok(pdfText(pdf).includes('9FB6ED1A-5F37-4FEF-980A-7F8C83B51894'), label);
    }
    if (skipWithout(t, tools)) return;
  });

  test('the same logo in many documents: read once, the same image objects every time', async (t) => {
    const png = encodePng(120, 60, { colorType: 6, bitDepth: 8 }, (x, y) => [...QUADS[quadrant(x, y)], 200]);
    const a = await withLogo(png);
    const b = await withLogo(Buffer.from(png)); // equal bytes, another Buffer
    assert.ok(a.equals(b));
    const other = encodePng(120, 60, { colorType: 6, bitDepth: 8 }, (x, y) => [...QUADS[3 - quadrant(x, y)], 200]);
    assert.ok(!(await withLogo(other)).equals(a), 'a different logo is not served from the cache');
    if (skipWithout(t, tools)) return;
    assert.deepEqual(decodeQr(a), [buildViewModel(sample('clasica')).qrUrl]);
    assert.equal(pdfPages(a), 1);
  });
});

// ---- JPEG fixtures: made by poppler from a PDF of four coloured quadrants -------------

const luma = ([r, g, b]: RGB) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

function jpegOf(mode: 'rgb' | 'grey' | 'cmyk'): Buffer {
  const w = new PdfWriter(new ByteWriter());
  const [catalog, pages, page, content, info] = [w.alloc(), w.alloc(), w.alloc(), w.alloc(), w.alloc()];
  const rect = (c: RGB, x: number, y: number) => `${c.map((v) => (v / 255).toFixed(3)).join(' ')} rg ${x} ${y} 60 30 re f\n`;
  w.stream(content, '', rect(RED, 0, 30) + rect(GREEN, 60, 30) + rect(BLUE, 0, 0) + rect(YELLOW, 60, 0));
  w.object(page, `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 120 60] /Contents ${content} 0 R >>`);
  w.object(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  w.object(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  w.object(info, '<< >>');
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-jpeg-'));
  try {
    writeFileSync(join(dir, 'q.pdf'), w.finish(catalog, info, '00'));
    const r = spawnSync('pdftoppm', ['-r', '72', mode === 'cmyk' ? '-jpegcmyk' : '-jpeg', '-jpegopt', 'quality=95',
      ...(mode === 'grey' ? ['-gray'] : []), join(dir, 'q.pdf'), join(dir, 'q')]);
    if (r.status !== 0) throw new Error(`pdftoppm -jpeg failed: ${r.stderr}`);
    return readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.jpg'))!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) after SOI. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}
