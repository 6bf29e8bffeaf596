import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Connector, ParseResult } from './connector.ts';
import { ERRORS } from '../shared/errors.ts';
import { xsaConnector } from './xsa/index.ts';
import { jsonConnector } from './json/index.ts';
import { legacyFacturaDefaults } from './xsa/defaults.ts';
import { memoryDirectory, testContext } from './testing.ts';
import { Prng, randomDocument } from './prng.ts';
import { renderXsa } from './xsa/render.ts';
import { findUnwritable } from '../cfdi/xml/chars.ts';

// Every input ends in a draft or in errors; nothing escapes the connector, and no
// single input costs absurdly much CPU (1 s — a real one takes microseconds; the
// slowest pathological input ~200 ms). CPU time of this process, not wall time, so a
// busy machine cannot make it flake; it still catches quadratic or catastrophic behaviour.
const ABSURD_MS = 1000;

/** CPU milliseconds (user + system) this process has used so far. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const seeds = readdirSync(examplesDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(examplesDir + f, 'utf8'));
const jsonSeeds = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(examplesDir + f, 'utf8'));

const directory = memoryDirectory(
  [{ clave: '01', rfc: 'AAA010101AAA', nombre: 'PATITO', domicilioFiscal: '06860' }],
  [{ codigo: '405010', claveProdServ: '01010101', taxProfile: { traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }], retenciones: [] } }],
);
const ctx = testContext({ defaults: legacyFacturaDefaults, directory });
const codes = new Set(Object.keys(ERRORS));

const PIECES = ['|', '||', '\n', '\r\n', '\r', '05C|1|', '99|', '00|x|FAC|4.0|', '\u0000', '\ufeff', 'é', '😀', '-', '.', '9', 'T', '::', '"', '{', '}', '[', ']', ',', ':'];

function mutate(g: Prng, s: string): string {
  const n = g.int(1, 6);
  for (let k = 0; k < n; k++) {
    const at = g.int(0, s.length);
    switch (g.int(0, 8)) {
      case 0: // flip a char
        s = s.slice(0, at) + String.fromCharCode(g.int(0, 0x2fff)) + s.slice(at + 1);
        break;
      case 1: // delete a run
        s = s.slice(0, at) + s.slice(at + g.int(1, 20));
        break;
      case 2: // insert a syntax piece
        s = s.slice(0, at) + g.pick(PIECES) + s.slice(at);
        break;
      case 3: // truncate
        s = s.slice(0, at);
        break;
      case 4: {
        // duplicate or drop a line
        const lines = s.split('\n');
        const i = g.int(0, lines.length - 1);
        if (g.bool()) lines.splice(i, 0, lines[i]);
        else lines.splice(i, 1);
        s = lines.join('\n');
        break;
      }
      case 5: {
        // swap two lines
        const lines = s.split('\n');
        const i = g.int(0, lines.length - 1);
        const j = g.int(0, lines.length - 1);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
        break;
      }
      case 6: // a digit where anything was
        s = s.slice(0, at) + String(g.int(0, 9)) + s.slice(at + 1);
        break;
      case 7: // a long run
        s = s.slice(0, at) + g.pick(['x', '9', '|', '\n', ' ']).repeat(g.int(10, 300)) + s.slice(at);
        break;
      default: // random bytes decoded as latin1/utf8
        s = s.slice(0, at) + Buffer.from(Array.from({ length: g.int(1, 16) }, () => g.int(0, 255))).toString(g.bool() ? 'latin1' : 'utf8') + s.slice(at);
    }
  }
  return s;
}

function randomInput(g: Prng): string {
  switch (g.int(0, 5)) {
    case 0:
      return '';
    case 1:
      return '|'.repeat(g.int(1, 200));
    case 2:
      return Array.from({ length: g.int(1, 30) }, () => '|'.repeat(g.int(0, 5))).join(g.pick(['\n', '\r\n']));
    case 3:
      return Buffer.from(Array.from({ length: g.int(1, 400) }, () => g.int(0, 255))).toString('utf8');
    case 4:
      return Array.from({ length: g.int(1, 40) }, () => g.pick(['00', '01', '02', '02A', '03', '05', '05C', '05D', '05A', '05P', '05T', '06', '07', '08', '09', '99']) + '|' + Array.from({ length: g.int(0, 26) }, () => g.pick(['', '1', 'IVA', '16.00', 'x', 'Tasa', '2026-01-01T00:00:00', 'A'])).join('|')).join('\n');
    default:
      return renderXsa(randomDocument(g).draft, undefined, { trailer: g.bool() });
  }
}

function check(r: ParseResult, label: string) {
  assert.equal(typeof r.ok, 'boolean', label);
  if (r.ok) {
    assert.ok(Array.isArray(r.draft.Conceptos) && r.draft.Conceptos.length > 0, label);
    assert.equal(r.printed.conceptos.length, r.draft.Conceptos.length, label);
    // A draft can always be written as XML: a control character is refused where it was written.
    assert.deepEqual(findUnwritable(r.draft), [], label);
  } else {
    assert.ok(r.errors.length > 0 && r.errors.length <= 1001, label);
    for (const e of r.errors) {
      assert.ok(codes.has(e.code), `${label}: unregistered code ${e.code}`);
      assert.equal(typeof e.message, 'string');
      assert.ok(e.message.length < 1000, `${label}: message of ${e.message.length} chars`);
    }
  }
}

async function run(connector: Connector, input: string, label: string, stats: { max: number; n: number }) {
  const t0 = cpuMs();
  let r: ParseResult;
  try {
    r = await connector.parse(input, ctx);
  } catch (e) {
    assert.fail(`${label}: the connector threw ${e instanceof Error ? e.stack : e}\ninput: ${JSON.stringify(input.slice(0, 300))}`);
  }
  const ms = cpuMs() - t0;
  stats.max = Math.max(stats.max, ms);
  stats.n++;
  assert.ok(ms < ABSURD_MS, `${label}: ${ms.toFixed(0)} CPU ms for one input of ${input.length} chars`);
  check(r, label);
  return r.ok;
}

test('fuzz: 100,000+ mutated and random inputs end in a draft or errors, never an exception', async (t) => {
  const g = new Prng(0xc0ffee);
  const stats = { max: 0, n: 0 };
  let drafts = 0;
  for (let i = 0; i < 90_000; i++) {
    const input = i % 3 === 0 ? randomInput(g) : mutate(g, g.pick(seeds));
    if (await run(xsaConnector, input, `xsa #${i}`, stats)) drafts++;
  }
  for (let i = 0; i < 12_000; i++) {
    const base = jsonSeeds.length ? g.pick(jsonSeeds) : '{}';
    await run(jsonConnector, i % 4 === 0 ? randomInput(g) : mutate(g, base), `json #${i}`, stats);
  }
  t.diagnostic(`${stats.n} inputs, ${drafts} xsa drafts, slowest ${stats.max.toFixed(1)} ms`);
  assert.ok(stats.n >= 100_000);
  assert.ok(drafts > 1000, 'the mutations must also produce valid documents, not only garbage');
});

test('fuzz: pathological sizes stay bounded', async (t) => {
  const stats = { max: 0, n: 0 };
  const g = new Prng(99);
  const big = randomDocument(g, 1);
  const huge = [
    '', // empty
    '|'.repeat(1_000_000), // only pipes
    '\n'.repeat(200_000),
    'x'.repeat(2_000_000), // one huge field
    renderXsa(big.draft).replace(/\|05\|[^|]*\|/, `05|${'9'.repeat(500_000)}|`),
    readFileSync(examplesDir + 'legacy.txt', 'utf8').replace('CABLE UTP CAT 6', 'y'.repeat(1_000_000)),
    Array.from({ length: 10_000 }, (_, i) => `05|01010101||1|Cosa ${i}|1.00|||H87||${i}|02|`).join('\n'), // 10,000 lines, no header
    renderXsa(randomDocument(g, 10_000).draft, undefined, { trailer: true }), // 10,000 concepts, valid
    Array.from({ length: 10_000 }, () => 'ZZ|' + '|'.repeat(50)).join('\n'), // 10,000 bad lines → capped errors
    '05C|1|'.repeat(100_000),
    '{'.repeat(100_000),
    '['.repeat(100_000) + ']'.repeat(100_000),
  ];
  for (const [i, input] of huge.entries()) {
    await run(xsaConnector, input, `xsa huge #${i}`, stats);
    await run(jsonConnector, input, `json huge #${i}`, stats);
  }
  const tenK = await xsaConnector.parse(huge[7], ctx);
  assert.ok(tenK.ok && tenK.draft.Conceptos.length === 10_000);
  t.diagnostic(`slowest pathological input: ${stats.max.toFixed(1)} ms`);
});
