/**
 * Load generator for the end-to-end benchmarks: `clients` concurrent clients each PUT a
 * valid document and poll its GET until ALMACENADO, over real HTTP(S) with keep-alive.
 */
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';

export interface Tenant {
  keyEmpresa: string;
  idTipoCfd: string;
  idSucursal: string;
}

export interface LoadResult {
  documents: number;
  errors: number;
  seconds: number;
  cfdiPerSecond: number;
  putMs: { p50: number; p99: number };
  almacenadoMs: { p50: number; p99: number };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runLoad(o: {
  baseUrl: string;
  tenant: Tenant;
  documents: number;
  clients: number;
  document: (i: number) => string;
  pollMs?: number;
  /** PUT /{key}/cfdis, which answers when the CFDI is stored (issue 14), instead of cfdisAsync and polling. */
  sync?: boolean;
  onProgress?: (done: number) => void;
  /** Documents per second sent at fixed intervals (open loop) instead of `clients` closed-loop clients. */
  rate?: number;
}): Promise<LoadResult> {
  const url = new URL(o.baseUrl);
  const tls = url.protocol === 'https:';
  const sockets = o.rate ? 256 : o.clients;
  const agent = tls ? new HttpsAgent({ keepAlive: true, maxSockets: sockets, rejectUnauthorized: false }) : new HttpAgent({ keepAlive: true, maxSockets: sockets });
  const call = (method: string, path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = (tls ? httpsRequest : httpRequest)(
        { host: url.hostname, port: url.port, path, method, agent, headers: body ? { 'Content-Type': 'application/json' } : {} },
        (res) => {
          let b = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: b }));
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });

  const putLat: number[] = [];
  const endLat: number[] = [];
  let errors = 0;
  let done = 0;
  const t0 = performance.now();
  async function one(i: number): Promise<void> {
    const start = performance.now();
    const put = await call('PUT', `/${o.tenant.keyEmpresa}/${o.sync ? 'cfdis' : 'cfdisAsync'}`, JSON.stringify({
      idTipoCfd: o.tenant.idTipoCfd, idSucursal: o.tenant.idSucursal, archivoFuente: o.document(i),
    }));
    putLat.push(performance.now() - start);
    if (o.sync) {
      // 200: stored, the answer is the CFDI; anything else (202 past the wait, 400) counts as an error here.
      if (put.status === 200) endLat.push(performance.now() - start);
      else errors++;
      o.onProgress?.(++done);
      return;
    }
    if (put.status !== 200) {
      errors++;
      return;
    }
    const { idPeticion } = JSON.parse(put.body) as { idPeticion: string };
    for (;;) {
      await new Promise((r) => setTimeout(r, o.pollMs ?? 20));
      const g = await call('GET', `/${o.tenant.keyEmpresa}/cfdis/${idPeticion}`);
      if (g.status === 202) continue;
      if (g.status === 200) endLat.push(performance.now() - start);
      else errors++;
      break;
    }
    o.onProgress?.(++done);
  }
  if (o.rate) {
    // Open loop: document i is sent at t0 + i/rate whatever the earlier ones are doing, as
    // independent ERPs would; the latencies then include any queueing the rate causes.
    const pending: Promise<void>[] = [];
    for (let i = 0; i < o.documents; i++) {
      const wait = t0 + (i * 1000) / o.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one(i));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    const client = async () => {
      for (let i = next++; i < o.documents; i = next++) await one(i);
    };
    await Promise.all(Array.from({ length: o.clients }, client));
  }
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  putLat.sort((a, b) => a - b);
  endLat.sort((a, b) => a - b);
  return {
    documents: o.documents,
    errors,
    seconds,
    cfdiPerSecond: endLat.length / seconds,
    putMs: { p50: percentile(putLat, 50), p99: percentile(putLat, 99) },
    almacenadoMs: { p50: percentile(endLat, 50), p99: percentile(endLat, 99) },
  };
}

/** A consistent legacy document with `n` concepts, varied per request. */
export function benchDocument(i: number, concepts = 10): string {
  const lines = ['|00|bench-' + i + '|FAC|', '|01|' + i + '|||||||||||MXN||||||',
    '|03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA||||||||||86991||'];
  for (let k = 0; k < concepts; k++) {
    lines.push(`|05|P-${k}||${(k % 7) + 1}|PRODUCTO ${k} «ESPECIAL» & CÍA|${(10 + ((i + k) % 900) / 7).toFixed(2)}||PZA|||`);
  }
  lines.push('|06|IVA|16.00||');
  lines.push(`|99|${lines.length + 1}|`);
  return lines.join('\n');
}
