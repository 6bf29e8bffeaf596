import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderPdf, renderView } from './render.ts';
import { buildViewModel } from '../view-model.ts';
import { manyConceptsComprobante, sampleComprobante, samplePrinted } from '../fixtures.ts';
import { decodeQr, missingData, missingPdfTools, pdfPages, pdfText } from '../testing/pdf-check.ts';
import { makePng } from '../testing/png.ts';
import { emptyDatosImpresos } from '../../cfdi/printed.ts';
import { TEMPLATES } from '../templates/index.ts';

const tools = missingPdfTools();
const sample = () => ({ comprobante: sampleComprobante(), printed: samplePrinted(), branding: {} });

describe('renderPdf', () => {
  test('produces a deterministic PDF without the PDF tools', async () => {
    const a = await renderPdf(sample());
    assert.equal(a.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(a.subarray(-8).toString('latin1'), /%%EOF/);
    assert.ok(a.equals(await renderPdf(sample())), 'same CFDI, same bytes');
    // Only the embedded DejaVu fonts; never a standard-14 (AFM) font.
    const raw = (await renderPdf(sample(), { compress: false })).toString('latin1');
    assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed\b/);
    assert.match(raw, /\/FontFile2/);
  });

  for (const name of Object.keys(TEMPLATES)) {
    test(`template ${name}: every required datum in the text, exact characters, QR = verification URL`, async (t) => {
      if (tools) return t.skip(tools);
      const input = { ...sample(), branding: { template: name, color: '#0a7d5a' } };
      const view = buildViewModel(input);
      const pdf = await renderPdf(input);
      const text = pdfText(pdf);
      assert.deepEqual(missingData(view, text), []);
      for (const exact of ['Lápiz de grafito HB & borrador <suave>', 'UNIVERSIDAD ROBOTICA ESPAÑOLA', '€', 'Łódź',
        'Este documento es una representación impresa de un CFDI', 'Página 1 de 1']) {
        assert.ok(text.includes(exact), `text has "${exact}"`);
      }
      assert.deepEqual(decodeQr(pdf), [view.qrUrl]);
    });
  }

  test('300 concepts: several pages, every concept present, header and page numbers on each page', async (t) => {
    if (tools) return t.skip(tools);
    const input = { comprobante: manyConceptsComprobante(300, { longEvery: 37 }), printed: emptyDatosImpresos(), branding: {} };
    const view = buildViewModel(input);
    const pdf = await renderPdf(input);
    const pages = pdfPages(pdf);
    assert.ok(pages >= 5, `pages: ${pages}`);
    const text = pdfText(pdf);
    assert.deepEqual(missingData(view, text), []);
    for (let i = 1; i <= 300; i++) assert.ok(text.includes(`SKU-${String(i).padStart(5, '0')}`), `concept ${i}`);
    const perPage = text.split('\f').filter((p) => p.trim() !== '');
    assert.equal(perPage.length, pages);
    perPage.forEach((p, i) => {
      assert.ok(p.includes(`Página ${i + 1} de ${pages}`), `page ${i + 1} number`);
      assert.ok(p.includes('ESCUELA KEMPER URGATE') && p.includes('9FB6ED1A-5F37-4FEF-980A-7F8C83B51894'), `page ${i + 1} header`);
      assert.ok(p.includes('Este documento es una representación impresa de un CFDI'), `page ${i + 1} legend`);
    });
    assert.deepEqual(decodeQr(pdf), [view.qrUrl]);
  });

  test('a description longer than a page flows onto the next pages, nothing cut', async (t) => {
    if (tools) return t.skip(tools);
    const c = manyConceptsComprobante(3);
    const words = Array.from({ length: 2500 }, (_, i) => `palabra${i + 1}`);
    c.Conceptos[1].Descripcion = words.join(' ');
    const pdf = await renderPdf({ comprobante: c, printed: emptyDatosImpresos(), branding: { template: 'moderna' } });
    assert.ok(pdfPages(pdf) >= 3);
    const text = pdfText(pdf);
    const found = new Set(text.match(/palabra\d+/g));
    assert.equal(found.size, words.length, 'every word of the description is printed');
    assert.ok(text.includes('SKU-00003'));
  });

  test('logo (PNG with and without alpha) and accent colour are applied', async (t) => {
    const logo = makePng(120, 60, (x, y) => [x * 2, y * 4, 200, x < 60 ? 255 : 128], true);
    const rgb = makePng(40, 40, (x) => [x * 6, 90, 40, 255]);
    for (const [template, img] of [['clasica', logo], ['moderna', rgb]] as const) {
      const raw = (await renderPdf({ ...sample(), branding: { template, logo: img, color: '#c0392b' } }, { compress: false })).toString('latin1');
      assert.ok(raw.includes('/Subtype /Image'), `${template}: logo embedded`);
      assert.ok(raw.includes('0.753 0.224 0.169 rg'), `${template}: accent colour used`);
    }
    // A broken logo is left out; the invoice still renders.
    const pdf = await renderPdf({ ...sample(), branding: { logo: Buffer.from('not an image') } });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    if (tools) return t.skip(`text check: ${tools}`);
    assert.ok(pdfText(pdf).includes('9FB6ED1A-5F37-4FEF-980A-7F8C83B51894'));
  });

  test('unknown template and invalid colour fall back to the defaults', async () => {
    const view = buildViewModel(sample());
    const a = await renderView(view, { template: 'no-such', color: 'red' });
    const b = await renderView(view, {});
    assert.ok(a.equals(b));
  });
});
