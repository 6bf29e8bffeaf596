/**
 * `npm run bench -- conformance [--docs N] [--seed S] [--json]`: random layout documents
 * (default 2,000) sent through the whole service flow as an integrator would (issue 10),
 * each answer compared with the independent decimal.js oracle and its expected codes,
 * then every stamped CFDI checked with the SAT's tools: xmllint (schemas), xsltproc
 * (cadena and TFD cadena identical to ours) and openssl (Sello and SelloSAT). Shows
 * progress; exits non-zero on any difference. Same generator and checks as
 * test/conformance/random.test.ts, which runs a few hundred in CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { cadenaTfd } from '../src/cfdi/cadena.ts';
import { runLayoutFlow, type StampedDoc } from '../test/conformance/flow.ts';
import { execFileAsync, pool, skipReason, xmllintSchema, xsltCadena, xsltTfdCadena } from '../test/conformance/support.ts';

function arg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

function bar(json: boolean, label: string, total: number): SingleBar | undefined {
  if (json) return undefined;
  // Also when the output is a log, not a terminal: a line every few seconds.
  const b = new SingleBar({ format: `${label} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left`, etaBuffer: 200, noTTYOutput: true, notTTYSchedule: 3_000 }, Presets.shades_classic);
  b.start(total, 0);
  return b;
}

/** xsltproc and openssl on one stamped CFDI; the problems found, none when it conforms. */
async function satTools(d: StampedDoc, emisorPem: string, pacPem: string): Promise<string[]> {
  const problems: string[] = [];
  const cadena = await xsltCadena(d.file);
  if (cadena !== d.cadena) problems.push(`${d.file}: xsltproc cadena differs from ours`);
  const tfd = await xsltTfdCadena(d.file);
  if (tfd !== cadenaTfd(d.tfd)) problems.push(`${d.file}: xsltproc TFD cadena differs from ours`);
  writeFileSync(`${d.file}.cadena`, cadena);
  writeFileSync(`${d.file}.tfd`, tfd);
  const sello = /\sSello="([^"]+)"/.exec(readFileSync(d.file, 'utf8'))![1];
  writeFileSync(`${d.file}.sello`, Buffer.from(sello, 'base64'));
  writeFileSync(`${d.file}.sellosat`, Buffer.from(d.tfd.SelloSAT, 'base64'));
  for (const [pem, sig, data, what] of [[emisorPem, 'sello', 'cadena', 'Sello'], [pacPem, 'sellosat', 'tfd', 'SelloSAT']] as const) {
    const r = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', pem, '-signature', `${d.file}.${sig}`, `${d.file}.${data}`]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    if (r.stdout.trim() !== 'Verified OK') problems.push(`${d.file}: openssl does not verify the ${what}`);
  }
  return problems;
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const count = arg(argv, '--docs', 2_000);
  const seed = arg(argv, '--seed', 20250601);
  const tools = skipReason();

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const b1 = bar(json, 'flow + oracle   ', count);
  const flow = await runLayoutFlow({ count, seed, onProgress: (n) => b1?.update(n) });
  b1?.stop();
  const flowMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  const problems: string[] = [];
  let toolsMs = 0;
  try {
    if (!tools) {
      const t1 = performance.now();
      const lint = xmllintSchema(flow.stamped.map((d) => d.file));
      problems.push(...lint.failed.map((f) => `${f}: xmllint does not validate it against the SAT schemas`));
      const b2 = bar(json, 'xsltproc+openssl', flow.stamped.length);
      let done = 0;
      await pool(flow.stamped, 4, async (d) => {
        problems.push(...(await satTools(d, flow.emisorPem, flow.pacPem)));
        b2?.update(++done);
      });
      b2?.stop();
      toolsMs = performance.now() - t1;
    }
  } finally {
    await flow.close();
  }

  const result = {
    documents: count,
    seed,
    stamped: flow.stamped.length,
    refusedAsExpected: flow.refused,
    oracleMismatches: flow.mismatches.length,
    satToolProblems: problems.length,
    satTools: tools ? `skipped: ${tools}` : 'xmllint + xsltproc + openssl',
    flowDocsPerSecond: Math.round((count / flowMs) * 1000),
    flowCpuMsPerDoc: Number(((cpu.user + cpu.system) / 1000 / count).toFixed(2)),
    satToolsSeconds: Number((toolsMs / 1000).toFixed(1)),
    features: Object.fromEntries([...flow.features].sort()),
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`\n${count} documents (seed ${seed}): ${result.stamped} stamped, ${result.refusedAsExpected} refused as expected`);
    console.log(`oracle mismatches: ${result.oracleMismatches}; SAT tool problems: ${result.satToolProblems} (${result.satTools})`);
    console.log(`flow: ${result.flowDocsPerSecond} documents/s, ${result.flowCpuMsPerDoc} ms CPU per document; SAT tools: ${result.satToolsSeconds} s`);
    console.log('covered:', Object.entries(result.features).map(([f, n]) => `${f} ${n}`).join(' · '));
    for (const m of [...flow.mismatches, ...problems].slice(0, 10)) console.log(`\n${m}`);
  }
  if (flow.mismatches.length || problems.length) process.exitCode = 1;
}
