import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xsaConnector } from './index.ts';
import { renderXsa, type RenderStyle } from './render.ts';
import { Prng, randomDocument } from '../prng.ts';
import { testContext } from '../testing.ts';

// Render a random model to the layout with random syntax variants and parse it back:
// the model must come back unchanged. Seeded, so a failure names a reproducible case.
test('render → parse gives the same model (2,000 random documents, random syntax)', async () => {
  const g = new Prng(20261123);
  for (let i = 0; i < 2000; i++) {
    const { draft, printed } = randomDocument(g);
    const style: RenderStyle = {
      leadingPipe: g.bool(),
      noTrailingPipe: g.bool(0.3),
      crlf: g.bool(0.3),
      compactDates: g.bool(0.3),
      taxNames: g.bool(),
      percentages: g.bool(),
      keylessTaxes: g.bool(0.3),
      trailer: g.bool(),
    };
    const text = renderXsa(draft, printed, style);
    const r = await xsaConnector.parse(text, testContext());
    if (!r.ok) assert.fail(`case ${i} ${JSON.stringify(style)}:\n${r.errors.map((e) => e.message).join('\n')}\n${text}`);
    assert.deepEqual(r.draft, draft, `case ${i} ${JSON.stringify(style)}\n${text}`);
    assert.deepEqual(r.printed, printed, `case ${i} (printed)\n${text}`);
  }
});

test('rendering is canonical: parse → render → parse is a fixed point', async () => {
  const g = new Prng(7);
  for (let i = 0; i < 100; i++) {
    const { draft, printed } = randomDocument(g);
    const once = renderXsa(draft, printed);
    const r = await xsaConnector.parse(once, testContext());
    assert.ok(r.ok);
    assert.equal(renderXsa(r.draft, r.printed), once);
  }
});
