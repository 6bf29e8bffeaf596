/**
 * `npm run bench -- core [--seconds S] [--workers W] [--json]`
 *
 * Throughput of the CFDI core on a 10-concept document: complete (amounts) → seal
 * (cadena + RSA-SHA256) → write XML → stamp with the offline test PAC (parse, verify
 * the Sello, TFD cadena, RSA-SHA256, insert). One core, then one worker thread per core.
 * Two RSA-2048 signatures per document bound it (~3,600 signatures/s per core).
 * Also prints the cost of each step alone.
 */
import { availableParallelism, loadavg } from 'node:os';
import { sign } from 'node:crypto';
import { Worker, workerData, parentPort } from 'node:worker_threads';
import { completeComprobante } from '../src/cfdi/amounts/complete.ts';
import { cadenaOriginal } from '../src/cfdi/cadena.ts';
import type { ComprobanteDraft, ConceptoDraft } from '../src/cfdi/draft.ts';
import type { Emisor } from '../src/cfdi/model.ts';
import { readComprobante } from '../src/cfdi/xml/read.ts';
import { writeComprobante } from '../src/cfdi/xml/write.ts';
import { loadCsd, type Csd } from '../src/sealing/csd.ts';
import { sealComprobante } from '../src/sealing/seal.ts';
import { generateTestCsd } from '../src/sealing/test-csd.ts';
import { createTestPacStamper, generateTestPacCredentials, type StampMemory } from '../src/stamping/test-pac/index.ts';
import type { Stamper } from '../src/stamping/stamper.ts';

type FullDraft = ComprobanteDraft & { Fecha: string; LugarExpedicion: string; Emisor: Emisor };

interface Material {
  cer: Buffer;
  key: Buffer;
  password: string;
  pac: { certPem: string; keyPem: string };
}

const DECIMALES: Record<string, number> = { MXN: 2 };
const opts = { monedaDecimales: (m: string) => DECIMALES[m] };

/** A typical 10-concept invoice: IVA 16 % on all, a discount and retentions on some. */
export function benchDraft(folio: number): FullDraft {
  const conceptos: ConceptoDraft[] = [];
  for (let k = 0; k < 10; k++) {
    conceptos.push({
      ClaveProdServ: '43211500',
      NoIdentificacion: `SKU-${1000 + k}`,
      Cantidad: String(1 + k),
      ClaveUnidad: 'H87',
      Unidad: 'Pieza',
      Descripcion: `Equipo de cómputo modelo ${k} con garantía extendida`,
      ValorUnitario: (1234.56 + k * 10).toFixed(2),
      Descuento: k % 3 === 0 ? '10.00' : undefined,
      ObjetoImp: '02',
      Impuestos: {
        Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }],
        Retenciones: k % 4 === 0 ? [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }] : [],
      },
      InformacionAduanera: [],
      CuentaPredial: [],
      Parte: [],
    });
    if (conceptos[k].Descuento === undefined) delete conceptos[k].Descuento;
  }
  return {
    Serie: 'A',
    Folio: String(folio),
    Fecha: '2025-06-01T10:00:00',
    LugarExpedicion: '42501',
    Moneda: 'MXN',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    FormaPago: '03',
    MetodoPago: 'PUE',
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: { Rfc: 'IIA040805DZ4', Nombre: 'INDISTRIA ILUMINADORA DE ALMACENES', DomicilioFiscalReceptor: '62661', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' },
    CfdiRelacionados: [],
    Conceptos: conceptos,
  };
}

/** The stamp memory is the caller's database; here it keeps nothing so memory stays flat. */
const nullMemory: StampMemory = { get: async () => undefined, putIfAbsent: async (_k, v) => v };

function setup(m: Material): { csd: Csd; stamper: Stamper } {
  const csd = loadCsd({ cer: Buffer.from(m.cer), key: Buffer.from(m.key), password: m.password });
  const stamper = createTestPacStamper({ ...m.pac, memory: nullMemory, clock: () => new Date('2025-06-01T16:00:00Z') });
  return { csd, stamper };
}

interface LoopResult {
  docs: number;
  ms: number;
  /** CPU time of the whole process meanwhile (µs); meaningful for the single-thread run. */
  cpuMicros: number;
}

async function pipelineLoop(m: Material, seconds: number, start = 0): Promise<LoopResult> {
  const { csd, stamper } = setup(m);
  for (let k = 0; k < 30; k++) await stamper.stamp(writeComprobante(sealComprobante(completeComprobante(benchDraft(start - 1 - k), opts), csd)));
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    for (let k = 0; k < 20; k++) {
      const c = completeComprobante(benchDraft(start + n), opts);
      const xml = writeComprobante(sealComprobante(c, csd));
      await stamper.stamp(xml);
      n++;
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { docs: n, ms, cpuMicros: cpu.user + cpu.system };
}

/** Entry point of a worker thread (loaded through `import()` from an eval worker). */
export async function workerMain(): Promise<void> {
  const { material, seconds, index } = workerData as { material: Material; seconds: number; index: number };
  const r = await pipelineLoop(material, seconds, index * 10_000_000);
  parentPort?.postMessage(r);
}

/** CPU µs per call (process CPU time: robust to other load on the machine, unlike wall time). */
function timeIt(seconds: number, fn: () => void): number {
  for (let k = 0; k < 200; k++) fn(); // warm-up
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    for (let k = 0; k < 50; k++) fn();
    n += 50;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

async function timeAsync(seconds: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let k = 0; k < 50; k++) await fn(k);
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    await fn(1_000_000 + n);
    n++;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const seconds = Number(argValue(argv, '--seconds') ?? 3);
  const workers = Number(argValue(argv, '--workers') ?? availableParallelism());
  const say = (s: string) => {
    if (!json) console.error(s);
  };

  say('generating test CSD and test-PAC certificate…');
  const files = await generateTestCsd({ rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', password: 'bench', validFrom: new Date('2025-01-01T00:00:00Z'), validTo: new Date('2029-01-01T00:00:00Z') });
  const pac = await generateTestPacCredentials();
  const material: Material = { cer: files.cer, key: files.key, password: 'bench', pac: { certPem: pac.certPem, keyPem: pac.keyPem } };
  const { csd, stamper } = setup(material);

  // Calibration: the two RSA-2048 signatures per document set the ceiling.
  const signRate = (() => {
    const data = Buffer.alloc(4000, 0x41);
    for (let k = 0; k < 20; k++) sign('sha256', data, csd.privateKey);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      sign('sha256', data, csd.privateKey);
      n++;
    }
    return (n * 1000) / (performance.now() - t0);
  })();
  const load = loadavg()[0];

  say('timing each step…');
  const step = Math.max(0.5, seconds / 3);
  const draft = benchDraft(1);
  const completed = completeComprobante(draft, opts);
  const sealed = sealComprobante(completed, csd);
  const xml = writeComprobante(sealed);
  const steps: Record<string, number> = {
    complete: timeIt(step, () => completeComprobante(benchDraft(1), opts)),
    cadena: timeIt(step, () => cadenaOriginal(sealed)),
    seal: timeIt(step, () => sealComprobante(completed, csd)),
    write: timeIt(step, () => writeComprobante(sealed)),
    read: timeIt(step, () => readComprobante(xml)),
    // The bench memory forgets, so stamping the same XML again does the full work.
    stamp: await timeAsync(step, () => stamper.stamp(xml)),
  };

  say(`pipeline on one core for ${seconds}s…`);
  const one = await pipelineLoop(material, seconds);
  const oneRate = (one.docs * 1000) / one.ms;

  say(`pipeline on ${workers} worker threads for ${seconds}s…`);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      new Promise<LoopResult>((resolve, reject) => {
        // An eval worker does not inherit tsx's loader hooks: register them, then load this module.
        const code = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); }).then((m) => m.workerMain())`;
        const w = new Worker(code, {
          eval: true,
          workerData: { material, seconds, index },
        });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  const wall = performance.now() - t0;
  const allDocs = results.reduce((a, r) => a + r.docs, 0);
  const allRate = results.reduce((a, r) => a + (r.docs * 1000) / r.ms, 0);

  const out = {
    document: '10 conceptos, IVA 16 %, 4 descuentos, 3 retenciones ISR; RSA-2048',
    stepsMicroseconds: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    machine: { cores: availableParallelism(), loadAverage1m: Math.round(load * 100) / 100, rsa2048SignaturesPerSecond: Math.round(signRate), ceilingDocumentsPerSecondPerCore: Math.round(signRate / 2) },
    oneCore: {
      documents: one.docs,
      seconds: Math.round(one.ms) / 1000,
      documentsPerSecond: Math.round(oneRate),
      documentsPerCpuSecond: Math.round((one.docs * 1e6) / one.cpuMicros),
    },
    allCores: { workers, documents: allDocs, wallSeconds: Math.round(wall) / 1000, documentsPerSecond: Math.round(allRate) },
    node: process.version,
  };
  if (json) {
    console.log(JSON.stringify(out));
    return;
  }
  console.log(`CFDI core benchmark (${out.document}, ${process.version})`);
  console.log('');
  console.log('step                                CPU µs/doc');
  const label: Record<string, string> = {
    complete: 'complete (amounts, decimal)',
    cadena: 'cadena original',
    seal: 'seal (cadena + RSA-SHA256 sign)',
    write: 'write XML',
    read: 'read XML',
    stamp: 'stamp (parse, verify, TFD, sign, insert)',
  };
  for (const [k, v] of Object.entries(out.stepsMicroseconds)) console.log(`${label[k].padEnd(40)} ${String(v).padStart(8)}`);
  console.log('');
  console.log(`machine: ${out.machine.cores} cores, load average ${out.machine.loadAverage1m} before the run, ${out.machine.rsa2048SignaturesPerSecond} RSA-2048 signatures/s`);
  console.log(`ceiling (2 signatures/document): ${out.machine.ceilingDocumentsPerSecondPerCore} documents/s per core`);
  console.log('');
  console.log(`pipeline, one core:        ${String(out.oneCore.documentsPerSecond).padStart(6)} documents/s (${out.oneCore.documentsPerCpuSecond} per CPU-second)`);
  console.log(`pipeline, ${String(workers).padStart(2)} worker threads: ${String(out.allCores.documentsPerSecond).padStart(6)} documents/s`);
}
