/**
 * Review defect (b10): every reason a rule gives for not checking, and every warning
 * detail, reaches the client in the GET body's `advertencias` (clientNotices): it must be
 * Spanish and say what to do. The scan reads every such text in the rules' sources, so a
 * branch no test document reaches is covered too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientNotices } from './catalog-coverage.ts';
import { validateComprobante } from './validate.ts';
import { directoryRegistry } from './registry.ts';
import { conTerceros, ingreso, mutate } from './testing/fixtures.ts';
import { MemoryCatalogs } from './testing/memory-catalogs.ts';

const ENGLISH = /\b(the|is|are|not|only|unknown|available|differs|whether|knows|failed|cannot|could|neither|nor|has|have|invalid|above|limit|reference|present|decimals?|stamped|supplied|readable|exceeds|authorised|requires?)\b/i;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testing') out.push(...sources(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** The literal texts given as notChecked reasons, warning details and "unknown" lookup details. */
function clientTexts(src: string): string[] {
  const texts: string[] = [];
  const literal = String.raw`(?:'((?:\\.|[^'\\])*)'|\`((?:\\.|[^\`\\])*)\`)`;
  const patterns = [
    new RegExp(String.raw`notChecked\(\s*${literal}`, 'g'),
    new RegExp(String.raw`status: 'notChecked'[^}]*?detail: ${literal}`, 'g'),
    new RegExp(String.raw`kind: 'unknown', detail: ${literal}`, 'g'),
    new RegExp(String.raw`warning\(\{[^}]*?detail: ${literal}`, 'g'),
    // The reasons' builders in helpers.ts, and the texts they are given.
    new RegExp(String.raw`(?:trasOtroError|soloSatOPac|sinDatoDelRfc|distintoDelRfc)\(\s*${literal}`, 'g'),
    new RegExp(String.raw`export function (?:trasOtroError|fuenteRegistro|sinDatoDelRfc|distintoDelRfc|soloSatOPac)\([^)]*\): string \{\s*return [^\`']*${literal}`, 'g'),
  ];
  for (const re of patterns) for (const m of src.matchAll(re)) texts.push(m[1] ?? m[2]);
  return texts;
}

test('every not-checked reason and warning detail in src/rules is Spanish', () => {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const found: string[] = [];
  const english: string[] = [];
  for (const file of sources(root)) {
    for (const t of clientTexts(readFileSync(file, 'utf8'))) {
      // Interpolations (`${…}`) are values or other texts, judged where they are written.
      const words = t.replace(/\$\{[^}]*\}/g, ' ');
      found.push(t);
      if (ENGLISH.test(words)) english.push(`${file.slice(root.length)}: ${t}`);
    }
  }
  assert.ok(found.length >= 40, `the scan finds the texts (${found.length})`);
  assert.deepEqual(english, []);
});

test('the notices of documents that leave rules unchecked are Spanish, registry source included', async () => {
  const docs = [
    ingreso(),
    conTerceros(),
    mutate(ingreso(), (c) => { c.Moneda = 'USD'; c.TipoCambio = '17.5'; }),
    mutate(ingreso(), (c) => { c.Confirmacion = 'ABC12'; }),
    mutate(ingreso(), (c) => { c.Conceptos[0].Importe = 'x'; }),
    mutate(ingreso(), (c) => { c.Moneda = 'ZZZ'; }),
  ];
  for (const doc of docs) {
    const findings = await validateComprobante(doc, { catalogs: new MemoryCatalogs(), registry: directoryRegistry({ findReceptor: async () => undefined }) });
    const notices = clientNotices(findings);
    assert.ok(notices.length > 0);
    for (const n of notices) assert.doesNotMatch(n.replace(/"[^"]*"/g, ''), ENGLISH, n);
  }
});
