import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createPdfRenderer } from './pool.ts';
import { sampleComprobante, samplePrinted } from './fixtures.ts';
import { missingPdfTools, pdfText } from './testing/pdf-check.ts';

const tools = missingPdfTools();

function input(i: number) {
  const c = sampleComprobante();
  c.Folio = String(5000 + i);
  c.Complemento!.TimbreFiscalDigital!.UUID = `9FB6ED1A-5F37-4FEF-980A-${String(i).padStart(12, '0')}`;
  return { comprobante: c, printed: samplePrinted(), branding: { template: i % 2 ? 'moderna' : 'clasica' } };
}

describe('createPdfRenderer', () => {
  test('worker pool renders concurrently; each caller gets its own PDF', async (t) => {
    const r = createPdfRenderer({ threads: 2 });
    try {
      const n = 8;
      const pdfs = await Promise.all(Array.from({ length: n }, (_, i) => r.render(input(i))));
      const inline = createPdfRenderer({ threads: 0 });
      for (let i = 0; i < n; i++) {
        assert.equal(pdfs[i].subarray(0, 5).toString('latin1'), '%PDF-');
        // Same bytes as an inline render of the same input: the worker renders exactly the same.
        assert.ok(pdfs[i].equals(await inline.render(input(i))), `pdf ${i}`);
      }
      await inline.close();
      if (tools) return t.skip(`text check: ${tools}`);
      pdfs.forEach((pdf, i) => {
        const text = pdfText(pdf);
        assert.ok(text.includes(`A-${5000 + i}`) && text.includes(`-${String(i).padStart(12, '0')}`), `pdf ${i} is its own`);
      });
    } finally {
      await r.close();
    }
  });

  test('a failing render rejects that job only; the pool keeps working', async () => {
    const r = createPdfRenderer({ threads: 1 });
    try {
      const bad = input(1) as unknown as { comprobante: { Conceptos: unknown } };
      bad.comprobante.Conceptos = null;
      await assert.rejects(r.render(bad as never), /PDF rendering failed/);
      const ok = await r.render(input(2));
      assert.equal(ok.subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      await r.close();
    }
    await assert.rejects(r.render(input(3)), /closed/);
  });

  test('threads must be a non-negative integer', () => {
    assert.throws(() => createPdfRenderer({ threads: -1 }), RangeError);
    assert.throws(() => createPdfRenderer({ threads: 1.5 }), RangeError);
  });
});
