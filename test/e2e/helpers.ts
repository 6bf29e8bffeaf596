/**
 * End-to-end helpers: a real server (HTTPS on loopback, SQLite in a temp dir, worker
 * threads) and a small HTTPS client that trusts the certificate the server generated.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { loadConfig } from '../../src/config/config.ts';
import { serve, type RunningServer } from '../../src/main/serve.ts';
import type { DemoTenant } from '../../src/invoicing/demo.ts';
import { ensureDemoTenant } from '../../src/invoicing/demo.ts';
import type { Runtime } from '../../src/main/runtime.ts';
import { cfdiMeta, uuidOf } from '../contract/fixtures.ts';

export interface TestServer {
  server: RunningServer;
  baseUrl: string;
  dataDir: string;
  demo: DemoTenant;
  fetch(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): any;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-e2e-'));
  const config = loadConfig({}, {
    CFDI_DATA_DIR: dataDir,
    CFDI_PORT: '0',
    CFDI_HOST: '127.0.0.1',
    CFDI_WORKERS: '1',
    CFDI_LOG_LEVEL: 'warn',
    ...env,
  });
  const server = await serve(config, { workers: true, demo: false, print: () => {} });
  const { tenant } = await ensureDemoTenant(server.runtime.deps);
  const url = new URL(server.url);
  const tls = config.tls.enabled;
  const ca = tls ? readFileSync(join(dataDir, 'tls', 'cert.pem')) : undefined;
  const doFetch = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const opts = { host: '127.0.0.1', port: url.port, path, method, headers, ca, servername: 'localhost' };
      const req = (tls ? request : httpRequest)(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body: b, json: () => JSON.parse(b.toString('utf8')) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  return {
    server,
    baseUrl: server.url,
    dataDir,
    demo: tenant,
    fetch: doFetch,
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** PUTs a document and returns the idPeticion. */
export async function submit(s: TestServer, archivoFuente: string, t: DemoTenant = s.demo): Promise<string> {
  const r = await s.fetch('PUT', `/${t.keyEmpresa}/cfdisAsync`, JSON.stringify({ idTipoCfd: t.idTipoCfd, idSucursal: t.idSucursal, archivoFuente }), {
    'Content-Type': 'application/json',
  });
  if (r.status !== 200) throw new Error(`PUT answered ${r.status}: ${r.body.toString()}`);
  return r.json().idPeticion;
}

/** Polls the GET until it stops answering 202 (bounded). */
export async function waitFinal(s: TestServer, idPeticion: string, keyEmpresa = s.demo.keyEmpresa, timeoutMs = 60_000): Promise<Reply> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await s.fetch('GET', `/${keyEmpresa}/cfdis/${idPeticion}`);
    if (r.status !== 202) return r;
    if (Date.now() > until) throw new Error(`still EN_PROCESO after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

export const repoRoot = new URL('../../', import.meta.url).pathname;

/**
 * A stamped CFDI (with its PDF) stored straight through the Store port, for tests that
 * need downloads without running the pipeline (no worker thread). Returns its ids.
 */
export async function storeStampedCfdi(
  rt: Runtime,
  t: DemoTenant,
  o: { n: number; pdf: Buffer; serie?: string; archivoFuente?: string; xml?: string; fecha?: string },
): Promise<{ idPeticion: string; idCfdi: string; uuid: string }> {
  const empresa = (await rt.store.getEmpresaByKey(t.keyEmpresa))!;
  const now = new Date();
  const pid = await rt.store.createPeticion({
    empresaId: empresa.id, tipoId: rt.deps.ids.decode('tipo', t.idTipoCfd)!, sucursalId: rt.deps.ids.decode('sucursal', t.idSucursal)!,
    archivoFuente: o.archivoFuente ?? 'x', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  const uuid = uuidOf(o.n);
  const meta = cfdiMeta({ uuid, serie: o.serie ?? 'Z', folio: String(o.n), rfcEmisor: t.rfc, fecha: o.fecha ?? now.toISOString().slice(0, 19) });
  const cfdiId = await rt.store.saveStamped(pid, o.xml ?? `<cfdi:Comprobante Version="4.0" Folio="${o.n}"/>`, meta);
  await rt.store.savePdf(pid, o.pdf);
  return { idPeticion: rt.deps.ids.encode('peticion', pid), idCfdi: rt.deps.ids.encode('cfdi', cfdiId), uuid };
}

/** Starts a plain-HTTP GET on loopback and stops reading once the headers are in (a client that reads nothing). */
export function openPaused(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      res.pause();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}
