/**
 * `npm run bench -- descargas [--cfdis N] [--seed S] [--slow-mbps R] [--json]`
 * Bulk ZIP downloads (issue 17, item 6): the server's memory while two clients download
 * every CFDI of the empresa at once (XML_PDF, one ZIP each), one reading as fast as it can,
 * the other at R MB/s.
 *
 * The data: `cfdi-async serve` on a fresh SQLite stamps S real documents (PDF included)
 * through the API; the server is stopped and those rows are copied in one transaction
 * until the table holds N CFDIs (each copy gets its own uuid, folio and peticion; its XML
 * and PDF are the bytes of a real stamped CFDI). Stamping 3,000 through the pipeline would
 * take minutes and measure something else.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:https';
import Database from 'better-sqlite3';
import { benchDocument, runLoad } from './lib/load.ts';
import { demoTenant, peakRssMb, spawnCli, stopAll, waitReady } from './lib/processes.ts';

interface Download {
  reader: string;
  status: number;
  bytes: number;
  entries: number;
  seconds: number;
  mbPerSecond: number;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cfdis: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '40' },
      'slow-mbps': { type: 'string', default: '4' },
      json: { type: 'boolean', default: false },
    },
  });
  const cfdis = Number(values.cfdis);
  const seed = Math.min(Number(values.seed), cfdis);
  const slowBytesPerSecond = Number(values['slow-mbps']) * 1e6;
  const log = (s: string) => !values.json && process.stderr.write(s);
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-bench-descargas-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const base = `https://127.0.0.1:${port}`;
  const env = { ...process.env, CFDI_DATA_DIR: dataDir, CFDI_PORT: port, CFDI_HOST: '127.0.0.1', CFDI_LOG_LEVEL: 'warn',
    CFDI_RATE_LIMIT_PER_SECOND: '0',
    // Every CFDI in one ZIP, both downloads at once.
    CFDI_ZIP_PAGE_SIZE: String(Math.max(cfdis, 1)), CFDI_MAX_BULK_DOWNLOADS: '2' };
  const tenant = demoTenant(env);
  let server = spawnCli(['serve', '--no-demo'], env);
  try {
    await waitReady(base);
    log(`stamping ${seed} documents through the API…\n`);
    const r = await runLoad({ baseUrl: base, tenant, documents: seed, clients: 8, document: (i) => benchDocument(i) });
    if (r.errors) throw new Error(`${r.errors} of ${seed} documents failed`);
    await stopAll([server]);
    const copied = fill(join(dataDir, 'cfdi.sqlite'), cfdis);
    log(`copied to ${copied.rows} CFDIs (XML ${copied.xmlKb} KB, PDF ${copied.pdfKb} KB on average)\n`);

    server = spawnCli(['serve', '--no-demo'], env);
    await waitReady(base);
    const rssBefore = peakRssMb(server.pid!);
    const load0 = loadavg()[0];
    const path = `/${tenant.keyEmpresa}/descargasCfdiAsync?representacion=XML_PDF`;
    let rssNow = 0;
    const sampler = setInterval(() => (rssNow = Math.max(rssNow, currentRssMb(server.pid!))), 50);
    const downloads = await Promise.all([download(base, path, 'fast', Infinity), download(base, path, `${values['slow-mbps']} MB/s`, slowBytesPerSecond)]);
    clearInterval(sampler);
    const rssDuring = peakRssMb(server.pid!);
    for (const d of downloads) {
      // Past 65,535 entries the record holds 0xffff (ZIP64).
      const expected = Math.min(2 * copied.rows, 0xffff);
      if (d.status !== 200 || d.entries !== expected) throw new Error(`${d.reader} download: status ${d.status}, ${d.entries} entries (expected ${expected})`);
    }
    const out = { cfdis: copied.rows, xmlKb: copied.xmlKb, pdfKb: copied.pdfKb, peakRssMbBefore: rssBefore, peakRssMbDuring: rssDuring,
      sampledRssMbDuring: rssNow, loadAverage: [load0, loadavg()[0]], downloads };
    if (values.json) console.log(JSON.stringify(out));
    else {
      console.log(`bulk ZIP downloads, HTTPS + SQLite: ${out.cfdis} CFDIs (XML ${out.xmlKb} KB + PDF ${out.pdfKb} KB each), two at once, XML_PDF`);
      console.log(`  server peak RSS before / during   ${rssBefore} / ${rssDuring} MB (sampled every 50 ms during: ${rssNow} MB)`);
      for (const d of downloads) {
        console.log(`  ${d.reader.padEnd(10)} ${(d.bytes / 1e6).toFixed(1)} MB, ${d.entries} entries in ${d.seconds.toFixed(1)} s: ${d.mbPerSecond.toFixed(1)} MB/s`);
      }
      console.log(`  load average (1 min) before / after   ${out.loadAverage.map((l) => l.toFixed(1)).join(' / ')}`);
    }
  } finally {
    await stopAll([server]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Copies the stamped rows, round robin, until the table holds `total` CFDIs. */
function fill(file: string, total: number): { rows: number; xmlKb: number; pdfKb: number } {
  const db = new Database(file);
  try {
    const seeds = db.prepare('SELECT id FROM cfdis WHERE has_pdf = 1 ORDER BY id').all() as Array<{ id: number }>;
    if (seeds.length === 0) throw new Error('no stamped CFDI with its PDF to copy');
    const keys = new Set(['id', 'peticion_id', 'uuid', 'folio', 'folio_num']);
    const cols = (db.prepare('PRAGMA table_info(cfdis)').all() as Array<{ name: string }>).map((c) => c.name).filter((c) => !keys.has(c));
    const copy = db.prepare(`INSERT INTO cfdis (peticion_id, uuid, folio, folio_num, ${cols.join(', ')})
      SELECT ?, ?, ?, ?, ${cols.join(', ')} FROM cfdis WHERE id = ?`);
    const have = (db.prepare('SELECT count(*) AS n FROM cfdis').get() as { n: number }).n;
    db.transaction(() => {
      for (let i = have; i < total; i++) {
        const folio = 10_000_000 + i;
        copy.run(1_000_000_000 + i, `BENC0000-0000-4000-8000-${i.toString(16).toUpperCase().padStart(12, '0')}`, String(folio), folio, seeds[i % seeds.length].id);
      }
    })();
    const s = db.prepare('SELECT count(*) AS n, avg(length(CAST(xml AS BLOB))) AS x, avg(length(pdf)) AS p FROM cfdis').get() as { n: number; x: number; p: number };
    return { rows: s.n, xmlKb: Math.round(s.x / 1024), pdfKb: Math.round(s.p / 1024) };
  } finally {
    db.close();
  }
}

/**
 * One download; `bytesPerSecond` finite: the client pauses whenever it is ahead of that
 * rate, so the server's socket fills and back-pressure reaches the ZIP stream.
 */
function download(base: string, path: string, reader: string, bytesPerSecond: number): Promise<Download> {
  const agent = new Agent({ rejectUnauthorized: false });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(new URL(path, base), { agent }, (res) => {
      let bytes = 0;
      let tail = Buffer.alloc(0);
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        tail = Buffer.concat([tail, c]).subarray(-22);
        const ahead = bytes / bytesPerSecond - (performance.now() - t0) / 1000;
        if (ahead > 0.01) {
          res.pause();
          setTimeout(() => res.resume(), ahead * 1000);
        }
      });
      res.on('end', () => {
        const seconds = (performance.now() - t0) / 1000;
        // The end of central directory record: its entry count says the ZIP is whole.
        const entries = tail.length === 22 && tail.readUInt32LE(0) === 0x06054b50 ? tail.readUInt16LE(10) : -1;
        agent.destroy();
        resolve({ reader, status: res.statusCode!, bytes, entries, seconds, mbPerSecond: bytes / 1e6 / seconds });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resident memory now (all threads), from /proc. */
function currentRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
