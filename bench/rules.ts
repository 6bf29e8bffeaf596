/**
 * `npm run bench -- rules [--json] [--seconds N]`: the whole CFDI40 matrix on a valid
 * 10-concept document, on one core. Reports the synchronous rule run (what the worker
 * adds per document, next to ≈0.55 ms for the two RSA signatures) and the full
 * `validateComprobante` with the catalog preload from an in-memory source.
 */
import { performance } from 'node:perf_hooks';
import type { Comprobante } from '../src/cfdi/model.ts';
import { CFDI40_RULES } from '../src/rules/cfdi40/index.ts';
import { FIXTURE_ROWS, fixtureContext, ingreso } from '../src/rules/testing/fixtures.ts';
import { MemoryCatalogs } from '../src/rules/testing/memory-catalogs.ts';
import { runRules, validateComprobante } from '../src/rules/validate.ts';

/** Ten concepts of 500.00 + IVA 16 %. */
export function tenConcepts(): Comprobante {
  const c = ingreso();
  const k = c.Conceptos[0];
  c.Conceptos = Array.from({ length: 10 }, (_, i) => ({ ...structuredClone(k), NoIdentificacion: `P-${i + 1}` }));
  c.SubTotal = '5000.00';
  c.Total = '5800.00';
  c.Impuestos = {
    TotalImpuestosTrasladados: '800.00',
    Retenciones: [],
    Traslados: [{ Base: '5000.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '800.00' }],
  };
  return c;
}

interface Rate {
  perSecond: number;
  msPerDoc: number;
  /** Per-document process CPU time: robust when other processes load the machine. */
  cpuMsPerDoc: number;
}

async function measure(fn: () => unknown, seconds: number): Promise<Rate> {
  const warm = performance.now() + 300;
  while (performance.now() < warm) await fn();
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: Math.round((n * 1000) / ms),
    msPerDoc: Number((ms / n).toFixed(4)),
    cpuMsPerDoc: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(4)),
  };
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const i = argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(argv[i + 1]) : 3;
  const doc = tenConcepts();
  const ctx = fixtureContext();
  const errors = runRules(doc, ctx).filter((f) => f.status === 'error');
  if (errors.length) throw new Error(`bench document is not valid: ${errors.map((e) => e.code).join(', ')}`);
  const catalogs = MemoryCatalogs.from(FIXTURE_ROWS);
  const matrix = await measure(() => runRules(doc, ctx), seconds);
  const full = await measure(() => validateComprobante(doc, { catalogs }), seconds);
  const result = { rules: CFDI40_RULES.length, conceptos: doc.Conceptos.length, matrix, validateComprobante: full };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`CFDI40 matrix (${result.rules} rules) on a ${result.conceptos}-concept document, one core:`);
    console.log(`  rules only:            ${matrix.perSecond} documents/s (${matrix.msPerDoc} ms each; CPU ${matrix.cpuMsPerDoc} ms)`);
    console.log(`  validateComprobante:   ${full.perSecond} documents/s (${full.msPerDoc} ms each, CPU ${full.cpuMsPerDoc} ms, with catalog preload)`);
  }
}
