/**
 * The Pagos 2.0 registry stays in sync: every rule file is registered (in code order), has
 * its table test and a row in docs/rules.md; every CRP20 code of the matrix is implemented
 * with the matrix's message verbatim (when ../shared is present).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvObjects } from '../../catalogs/csv.ts';
import { CRP20_RULES } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const shared = process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
const files = readdirSync(here);
const ruleFiles = files.filter((f) => /^crp20\d{3}\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
const codes = CRP20_RULES.map((r) => r.code);

test('every CRP20 rule file is registered, once, in code order', () => {
  assert.deepEqual(codes, ruleFiles.map((f) => f.toUpperCase()));
  assert.deepEqual(codes, [...codes].sort());
  assert.equal(new Set(codes).size, codes.length);
});

test('every CRP20 rule file has its table test', () => {
  for (const f of ruleFiles) assert.ok(files.includes(`${f}.test.ts`), `${f}.test.ts missing`);
});

test('docs/rules.md lists every CRP20 code and no phantom one', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
  assert.deepEqual([...doc.matchAll(/^\| (CRP20\d{3}) \|/gm)].map((m) => m[1]), codes);
});

test('every CRP20 code of the SAT matrix is implemented with its message verbatim', (t) => {
  const csv = join(shared, 'sat', 'matriz-errores-cfdi40.csv');
  if (!existsSync(csv)) return t.skip(`../shared not found: ${csv}`);
  const matrix = parseCsvObjects(readFileSync(csv, 'utf8')).filter((r) => r.code.startsWith('CRP20'));
  assert.deepEqual(codes, matrix.map((r) => r.code));
  for (const row of matrix) {
    const rule = CRP20_RULES.find((r) => r.code === row.code)!;
    assert.equal(rule.message, row.message, row.code);
    assert.equal(rule.node, row.node, row.code);
    assert.equal(rule.attribute, row.attribute, row.code);
  }
});
