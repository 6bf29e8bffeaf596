/**
 * `npm run bench -- layout [--runs N] [--json]`: documents parsed per second by the
 * connectors (text → ComprobanteDraft with directory lookups in memory), for 10- and
 * 500-concept documents. Each case: a warm-up, then N timed runs of a fixed count
 * sized to ~0.3 s; the median, min and max rates are reported.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Connector } from '../src/layout/connector.ts';
import { getConnector } from '../src/layout/registry.ts';
import { renderXsa } from '../src/layout/xsa/render.ts';
import { legacyFacturaDefaults } from '../src/layout/xsa/defaults.ts';
import { Prng, randomDocument } from '../src/layout/prng.ts';
import { memoryDirectory, testContext } from '../src/layout/testing.ts';

interface Case {
  name: string;
  connector: Connector;
  text: string;
  concepts: number;
}

function legacyDocument(concepts: number): string {
  const lines = ['|00|bench|FAC|', '|01|1|||||||||||MXN|||||', '|02|PAGO EN UNA SOLA EXHIBICIÓN||TRANSFERENCIA|||', '|03|C1|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|MÉXICO|AV. UNO|1||CENTRO|VILLAHERMOSA||CENTRO|TABASCO|86991||'];
  for (let i = 0; i < concepts; i++) lines.push(`|05|P-${i % 50}||${(i % 7) + 1}|PRODUCTO NÚMERO ${i} & ACCESORIOS|${(i * 13.37 + 1).toFixed(2)}||${i % 2 ? 'PZA' : 'KG'}|CATEGORÍA||`);
  lines.push('|06|IVA|16.00||');
  lines.push(`|99|${lines.length + 1}|`);
  return lines.join('\n');
}

function jsonDocument(concepts: number): string {
  return JSON.stringify({
    Moneda: 'MXN',
    Receptor: { Rfc: 'URE180429TM6', Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', DomicilioFiscalReceptor: '86991', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' },
    Conceptos: Array.from({ length: concepts }, (_, i) => ({
      ClaveProdServ: '43211503',
      NoIdentificacion: `P-${i}`,
      Cantidad: String((i % 7) + 1),
      ClaveUnidad: 'H87',
      Descripcion: `PRODUCTO NÚMERO ${i}`,
      ValorUnitario: (i * 13.37 + 1).toFixed(2),
      ObjetoImp: '02',
      Impuestos: { Traslados: [{ Impuesto: 'IVA', TipoFactor: 'Tasa', TasaOCuota: '16' }] },
    })),
  });
}

function cases(): Case[] {
  const xsa = getConnector('xsa')!;
  const json = getConnector('json')!;
  const out: Case[] = [];
  for (const n of [10, 500]) {
    const g = new Prng(n);
    const doc = randomDocument(g, n);
    out.push({ name: `xsa 4.0, ${n} concepts`, connector: xsa, text: renderXsa(doc.draft, doc.printed, { leadingPipe: true, trailer: true }), concepts: n });
    out.push({ name: `xsa legacy, ${n} concepts`, connector: xsa, text: legacyDocument(n), concepts: n });
    out.push({ name: `json, ${n} concepts`, connector: json, text: jsonDocument(n), concepts: n });
  }
  return out;
}

async function measure(c: Case, runs: number) {
  const ctx = testContext({
    defaults: legacyFacturaDefaults,
    directory: memoryDirectory([{ clave: 'C1', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', domicilioFiscal: '86991' }]),
  });
  const once = await c.connector.parse(c.text, ctx);
  if (!once.ok) throw new Error(`${c.name}: the benchmark document does not parse: ${once.errors[0].message}`);
  // Calibrate: how many parses fill ~0.3 s.
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await c.connector.parse(c.text, ctx);
    const ms = performance.now() - t0;
    if (ms > 100) {
      n = Math.max(1, Math.round((n * 300) / ms));
      break;
    }
    n *= 2;
  }
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await c.connector.parse(c.text, ctx);
    rates.push((n * 1000) / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  return {
    case: c.name,
    concepts: c.concepts,
    bytes: Buffer.byteLength(c.text),
    docsPerSecond: Math.round(median),
    min: Math.round(rates[0]),
    max: Math.round(rates[rates.length - 1]),
    msPerDoc: +(1000 / median).toFixed(4),
    conceptsPerSecond: Math.round(median * c.concepts),
    mbPerSecond: +((median * Buffer.byteLength(c.text)) / 1e6).toFixed(1),
  };
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
  const runs = Math.max(1, Number(values.runs));
  const results = [];
  for (const c of cases()) results.push(await measure(c, runs));
  if (values.json) {
    console.log(JSON.stringify({ benchmark: 'layout', node: process.version, runs, results }, null, 2));
    return;
  }
  console.log(`layout connectors, ${process.version}, median of ${runs} runs\n`);
  console.log('| case | bytes | docs/s (median) | min | max | ms/doc | concepts/s | MB/s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.case} | ${r.bytes.toLocaleString('en')} | **${r.docsPerSecond.toLocaleString('en')}** | ${r.min.toLocaleString('en')} | ${r.max.toLocaleString('en')} | ${r.msPerDoc} | ${r.conceptsPerSecond.toLocaleString('en')} | ${r.mbPerSecond} |`);
  }
}
