#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner.
// Node 20's `--test` neither globs nor discovers .ts files, and with no files it
// reports "tests 0" and exits 0; we list the files ourselves and fail on zero.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['src', 'test'];
const filter = process.argv.slice(2);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots) {
  try { walk(r); } catch { /* absent root */ }
}
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
selected.sort();
const tap = join(mkdtempSync(join(tmpdir(), 'cfdi-tests-')), 'report.tap');
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, '--test-concurrency=2', ...selected];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
// A plain closing line that any CI can read, taken from the TAP summary.
const summary = readFileSync(tap, 'utf8');
const count = (k) => Number((summary.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
const [pass, fail, skipped] = [count('pass'), count('fail'), count('skipped')];
console.log(`${pass} passed, ${fail} failed, ${skipped} skipped`);
if (pass + fail === 0) {
  console.error('no test ran');
  process.exit(1);
}
process.exit(r.status ?? 1);
