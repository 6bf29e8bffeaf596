/**
 * `npm run bench -- pdf [--seconds N] [--threads N] [--no-peer] [--json]`
 *
 * Renders the same stamped 10-concept CFDI XML (1) with our renderer, XML → PDF on one
 * thread, (2) with the peer `@nodecfdi/cfdi-to-pdf` (GenericCfdiTranslator + pdfmake,
 * Roboto) on the same thread, and (3) with our worker pool on every core. Prints PDFs/s
 * and the per-core ratio.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { manyConceptsComprobante, samplePrinted } from '../src/rendering/fixtures.ts';
import { writeComprobante } from '../src/cfdi/xml/write.ts';
import { readComprobante } from '../src/cfdi/xml/read.ts';
import { renderPdf } from '../src/rendering/pdf/render.ts';
import { createPdfRenderer } from '../src/rendering/pool.ts';
import { emptyDatosImpresos } from '../src/cfdi/printed.ts';
import { verificationUrl } from '../src/cfdi/qr.ts';
import { cadenaTfd } from '../src/cfdi/cadena.ts';
import type { Comprobante } from '../src/cfdi/model.ts';

interface Rate {
  docs: number;
  /** PDFs per wall-clock second (median of the rounds). */
  perSecond: number;
  /** PDFs per second of process CPU time (robust to other load on the machine). */
  perCpuSecond: number;
  msPerDoc: number;
  bytes: number;
}

function opt(argv: string[], name: string, dflt: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Round { docs: number; wall: number; cpu: number; bytes: number }

async function timeRound(seconds: number, once: () => Promise<Buffer>): Promise<Round> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let docs = 0;
  let bytes = 0;
  while (performance.now() - t0 < seconds * 1000) {
    bytes = (await once()).length;
    docs++;
  }
  const c = process.cpuUsage(c0);
  return { docs, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, bytes };
}

function summarize(rounds: Round[]): Rate {
  const perSecond = median(rounds.map((r) => r.docs / r.wall));
  return {
    docs: rounds.reduce((a, r) => a + r.docs, 0),
    perSecond,
    perCpuSecond: median(rounds.map((r) => r.docs / r.cpu)),
    msPerDoc: 1000 / perSecond,
    bytes: rounds[rounds.length - 1].bytes,
  };
}

/** The peer, driven as in its README but with the DOM step replaced (no DOM library installed). */
async function peerRenderer(xml: string, c: Comprobante): Promise<() => Promise<Buffer>> {
  const require = createRequire(import.meta.url);
  const peer = await import('@nodecfdi/cfdi-to-pdf');
  const { CNode } = await import('@nodecfdi/cfdiutils-common');
  const PdfPrinter = require('pdfmake') as new (fonts: unknown) => unknown;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  const font = (n: string) => Buffer.from(vfs[n], 'base64');
  peer.installPdfMake(new PdfPrinter({
    Roboto: {
      normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  }) as never);
  // XmlNodeUtils.nodeFromXmlString needs a DOM (xmldom/jsdom); we parse with fast-xml-parser
  // and build the same CNode tree, timed as part of the peer's work.
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false });
  type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };
  const toNode = (r: Raw): InstanceType<typeof CNode> | undefined => {
    const name = Object.keys(r).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) return undefined;
    const kids = (r[name] as Raw[]).map(toNode).filter((x): x is InstanceType<typeof CNode> => !!x);
    return new CNode(name, { ...(r[':@'] ?? {}) }, kids);
  };
  // The QR URL and TFD cadena are passed in: the peer would otherwise need a DOM for them.
  const tfd = c.Complemento!.TimbreFiscalDigital!;
  const qr = verificationUrl({ uuid: tfd.UUID, rfcEmisor: c.Emisor.Rfc, rfcReceptor: c.Receptor.Rfc, total: c.Total, sello: c.Sello! });
  const cadena = cadenaTfd(tfd);
  const builder = new peer.PdfMakerBuilder(new peer.GenericCfdiTranslator());
  return () => new Promise<Buffer>((resolve, reject) => {
    const root = (parser.parse(xml) as Raw[]).map(toNode).find((x) => x)!;
    const data = new peer.CfdiData(root as never, qr, cadena);
    const doc = peer.getPdfMake().createPdfKitDocument(builder.buildPdf(data, new peer.StaticCatalogs()), {});
    const chunks: Buffer[] = [];
    doc.on('data', (ch: Buffer) => chunks.push(ch));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const seconds = opt(argv, '--seconds', 10);
  const rounds = Math.max(1, opt(argv, '--rounds', 5));
  const threads = opt(argv, '--threads', availableParallelism());
  const c = manyConceptsComprobante(10);
  const xml = writeComprobante(c);
  const printed = { ...emptyDatosImpresos(), ...samplePrinted(), conceptos: [] };
  const log = (s: string) => { if (!json) console.log(s); };
  const fmt = (r: Rate) => `${r.perSecond.toFixed(1).padStart(7)} PDFs/s wall, ${r.perCpuSecond.toFixed(1).padStart(7)} per CPU-s, ${r.msPerDoc.toFixed(2)} ms/PDF, ${r.bytes} B`;

  log(`PDF benchmark: 10-concept stamped CFDI (${xml.length} B XML → PDF), ${rounds} interleaved rounds, ${seconds}s per side`);
  const oursOnce = () => renderPdf({ comprobante: readComprobante(xml), printed, branding: {} });
  const rawOnce = () => renderPdf({ comprobante: readComprobante(xml), printed, branding: {} }, { compress: false });
  let peerOnce: (() => Promise<Buffer>) | undefined;
  if (!argv.includes('--no-peer')) {
    try {
      peerOnce = await peerRenderer(xml, c);
      for (let i = 0; i < 3; i++) await peerOnce();
    } catch (err) {
      log(`peer not measured: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (let i = 0; i < 50; i++) { await oursOnce(); await rawOnce(); }

  // Interleaved so that changing load on the machine hits both sides alike.
  const ro: Round[] = [];
  const rr: Round[] = [];
  const rp: Round[] = [];
  const slice = seconds / rounds;
  for (let i = 0; i < rounds; i++) {
    ro.push(await timeRound(slice, oursOnce));
    rr.push(await timeRound(slice / 2, rawOnce));
    if (peerOnce) rp.push(await timeRound(slice, peerOnce));
  }
  const ours = summarize(ro);
  const oursRaw = summarize(rr);
  const peer = rp.length ? summarize(rp) : undefined;
  log(`ours (1 thread)        ${fmt(ours)}`);
  log(`ours, compress off     ${fmt(oursRaw)}`);
  if (peer) {
    log(`peer cfdi-to-pdf       ${fmt(peer)}`);
    log(`ratio per core: ${(ours.perSecond / peer.perSecond).toFixed(1)}× (wall), ${(ours.perCpuSecond / peer.perCpuSecond).toFixed(1)}× (CPU time)`);
  }

  const pool = createPdfRenderer({ threads });
  let multi: { perSecond: number; docs: number; seconds: number };
  try {
    const inFlight = threads * 4;
    const job = () => pool.render({ comprobante: readComprobante(xml), printed, branding: {} });
    await Promise.all(Array.from({ length: inFlight * 8 }, job)); // warm every worker
    const t0 = performance.now();
    let docs = 0;
    const lane = async () => {
      while (performance.now() - t0 < (seconds / 2) * 1000) {
        await job();
        docs++;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    const s = (performance.now() - t0) / 1000;
    multi = { perSecond: docs / s, docs, seconds: s };
  } finally {
    await pool.close();
  }
  log(`ours, pool of ${threads} threads: ${multi.perSecond.toFixed(1)} PDFs/s wall (${(multi.perSecond / ours.perSecond).toFixed(2)}× one thread; other load on the machine counts here)`);

  if (json) {
    console.log(JSON.stringify({
      benchmark: 'pdf', concepts: 10, seconds, rounds, threads,
      ours, oursUncompressed: oursRaw, peer: peer ?? null,
      ratioPerCore: peer ? { wall: ours.perSecond / peer.perSecond, cpu: ours.perCpuSecond / peer.perCpuSecond } : null,
      pool: multi,
    }));
  }
}
