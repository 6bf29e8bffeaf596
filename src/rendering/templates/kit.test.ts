import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrap, tint, Flow, fitByWidth } from './kit.ts';
import type { Measure } from './page.ts';

// One point per character: wrapping is checked by counting characters.
const monoWidth: Measure['width'] = (s) => [...s].length;
const mono: Measure = { width: monoWidth, fit: fitByWidth(monoWidth) };

test('wrap: greedy on spaces, keeps every character', () => {
  assert.deepEqual(wrap(mono, 'uno dos tres cuatro', 'regular', 1, 8), ['uno dos', 'tres', 'cuatro']);
  assert.deepEqual(wrap(mono, 'abc', 'regular', 1, 8), ['abc']);
  assert.deepEqual(wrap(mono, '', 'regular', 1, 8), ['']);
});

test('wrap: breaks over-long words (seals) by characters', () => {
  const seal = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ==';
  const lines = wrap(mono, seal, 'regular', 1, 10);
  assert.deepEqual(lines, ['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ==']);
  assert.equal(lines.join(''), seal);
});

test('wrap: keeps inner runs of spaces as written, drops them at a break', () => {
  assert.deepEqual(wrap(mono, '23  47  3807  3000123', 'regular', 1, 40), ['23  47  3807  3000123']);
  assert.deepEqual(wrap(mono, 'aaaa  bbbb', 'regular', 1, 5), ['aaaa', 'bbbb']);
});

test('wrap: honours newlines and never splits surrogate pairs', () => {
  assert.deepEqual(wrap(mono, 'a b\nc', 'regular', 1, 10), ['a b', 'c']);
  assert.deepEqual(wrap(mono, '😀😀😀', 'regular', 1, 2), ['😀😀', '😀']);
});

test('tint mixes with white', () => {
  assert.equal(tint('#000000', 0), '#000000');
  assert.equal(tint('#000000', 1), '#ffffff');
  assert.equal(tint('#1f4e79', 0.5), '#8fa7bc');
});

test('Flow: header on every page, break on demand', () => {
  let headers = 0;
  const flow = new Flow((page, i) => { headers++; page.ops.push({ t: 'line', x1: i, y1: 0, x2: 0, y2: 0 }); return 100; }, 700);
  assert.equal(flow.y, 100);
  assert.ok(flow.fresh);
  flow.y = 650;
  flow.ensure(40);
  assert.equal(flow.pages.length, 1);
  flow.ensure(60);
  assert.equal(flow.pages.length, 2);
  assert.equal(flow.y, 100);
  assert.equal(flow.pages[1].ops.length, 1);
  assert.ok(headers >= 2);
});
