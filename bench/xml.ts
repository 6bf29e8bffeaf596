/**
 * `npm run bench -- xml [--seconds S] [--json]`
 *
 * CPU cost of reading CFDI XML: `parseXml` (well-formedness, namespaces) and
 * `readComprobante` (parse + model) on a 10-concept sealed invoice, a 500-concept one
 * and one carrying a 2,000-element third-party complement with indentation. CPU time
 * (process.cpuUsage), so a busy machine disturbs the figures less than wall time would.
 */
import { completeComprobante } from '../src/cfdi/amounts/complete.ts';
import { parseXml } from '../src/cfdi/xml/parse.ts';
import { readComprobante } from '../src/cfdi/xml/read.ts';
import { writeComprobante } from '../src/cfdi/xml/write.ts';
import { benchDraft } from './core.ts';

const opts = { monedaDecimales: (m: string) => (m === 'MXN' ? 2 : undefined) };

function documents(): Record<string, string> {
  const base = completeComprobante(benchDraft(1), opts);
  const ten = writeComprobante({ ...base, NoCertificado: '30001000000500003416', Sello: 'A'.repeat(344), Certificado: 'B'.repeat(2000) });
  const many = benchDraft(2);
  many.Conceptos = Array.from({ length: 50 }, () => many.Conceptos).flat();
  const fiveHundred = writeComprobante({ ...completeComprobante(many, opts), NoCertificado: '30001000000500003416', Sello: 'A'.repeat(344) });
  const lines = Array.from({ length: 1000 }, (_, k) => `\n      <t:Linea n="${k}">\n        <t:Texto>Artículo ${k} &amp; más</t:Texto>\n      </t:Linea>`).join('');
  const complement = ten.replace('</cfdi:Comprobante>', `  <cfdi:Complemento>\n    <t:Datos xmlns:t="urn:tercero">${lines}\n    </t:Datos>\n  </cfdi:Complemento>\n</cfdi:Comprobante>`);
  return { '10 conceptos': ten, '500 conceptos': fiveHundred, 'complemento de 2,000 nodos': complement };
}

function cpuMicrosPerCall(seconds: number, fn: () => unknown): number {
  for (let k = 0; k < 50; k++) fn();
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let k = 0; k < 20; k++) fn();
    n += 20;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

export async function run(argv: string[]): Promise<void> {
  const seconds = Number(argv[argv.indexOf('--seconds') + 1] || 2);
  const json = argv.includes('--json');
  const out: Record<string, { bytes: number; parseMicros: number; readMicros: number }> = {};
  for (const [name, xml] of Object.entries(documents())) {
    out[name] = {
      bytes: Buffer.byteLength(xml),
      parseMicros: Math.round(cpuMicrosPerCall(seconds, () => parseXml(xml)) * 10) / 10,
      readMicros: Math.round(cpuMicrosPerCall(seconds, () => readComprobante(xml)) * 10) / 10,
    };
  }
  if (json) {
    console.log(JSON.stringify({ node: process.version, documents: out }));
    return;
  }
  console.log(`XML reader, CPU µs per document (${process.version})`);
  console.log('document                        bytes   parseXml   readComprobante');
  for (const [name, r] of Object.entries(out)) {
    console.log(`${name.padEnd(28)} ${String(r.bytes).padStart(8)} ${String(r.parseMicros).padStart(10)} ${String(r.readMicros).padStart(17)}`);
  }
}
