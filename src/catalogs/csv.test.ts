import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvParser, parseCsv, parseCsvObjects } from './csv.ts';

test('parses quoted fields with commas, doubled quotes and line breaks', () => {
  assert.deepEqual(parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"line\nbreak",\n'), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'line\nbreak', ''],
  ]);
});

test('handles CRLF and a missing final line break', () => {
  assert.deepEqual(parseCsv('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
});

test('streams across chunk boundaries, even inside a quote pair', () => {
  const text = 'id,t\n01,"a ""q"" b"\n02,"c\nd"\n';
  for (let cut = 1; cut < text.length; cut++) {
    const p = new CsvParser();
    const recs = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
    assert.deepEqual(recs, parseCsv(text), `cut at ${cut}`);
  }
});

test('objects keyed by header, keeping leading zeros', () => {
  assert.deepEqual(parseCsvObjects('id,texto\n001,ISR\n'), [{ id: '001', texto: 'ISR' }]);
});
