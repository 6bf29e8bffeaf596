/**
 * An in-process service for the cancellation tests: real SQLite in a temp dir, the real
 * HTTP app on loopback, the pipeline worker and the cancellation follow-up job, all on
 * one clock the test moves (the receptor's 72 hours, "the business day after issue").
 * The clock runs `offset` ms behind the real one, so a CLI child process (real clock)
 * and the service agree once the test sets it to 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { buildApp } from '../../src/http/app.ts';
import { startWorker, type RunningWorker } from '../../src/invoicing/worker.ts';
import { ensureDemoTenant, type DemoTenant } from '../../src/invoicing/demo.ts';
import { startSeguimiento, type RunningSeguimiento } from '../../src/cancelacion/seguimiento.ts';
import type { CambioCancelacion } from '../../src/invoicing/notifier.ts';

export interface Harness {
  rt: Runtime;
  demo: DemoTenant;
  dataDir: string;
  base: string;
  /** How far behind the real clock the service runs (ms); the test may change it. */
  offset: { ms: number };
  /** Every cancellation change reported to the notifier (which also records it). */
  cambios: CambioCancelacion[];
  env: Record<string, string>;
  http(method: string, path: string, body?: unknown): Promise<{ status: number; body: Buffer; json(): any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(o: { offsetMs: number; env?: Record<string, string> }): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cfdi-cancel-'));
  const env = {
    CFDI_DATA_DIR: dataDir, CFDI_TLS: 'off', CFDI_LOG_LEVEL: 'error', CFDI_SECRET: 'x'.repeat(40),
    CFDI_CANCELACION_REVISION_MS: '100', CFDI_CANCELACION_TIMEOUT_MS: '1000', ...(o.env ?? {}),
  };
  const config = loadConfig({}, env as never);
  const offset = { ms: o.offsetMs };
  const clock = () => new Date(Date.now() - offset.ms);
  const rt = await openRuntime(config, { clock, log: pino({ level: 'error' }) });
  const { tenant } = await ensureDemoTenant(rt.deps);
  const cambios: CambioCancelacion[] = [];
  const notifier = rt.cancelacion.notifier!;
  rt.cancelacion.notifier = { ...notifier, cancelacionCambiada: async (c) => { cambios.push(c); await notifier.cancelacionCambiada(c); } };
  const app: FastifyInstance = await buildApp(rt.deps, { cancelacion: rt.cancelacion });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const worker: RunningWorker = startWorker(rt.deps, { concurrency: 1, leaseMs: 30_000, idleMs: 50 });
  const seguimiento: RunningSeguimiento = startSeguimiento(rt.cancelacion);
  return {
    rt, demo: tenant, dataDir, base, offset, env, cambios,
    async http(method, path, body) {
      const r = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const b = Buffer.from(await r.arrayBuffer());
      return { status: r.status, body: b, headers: r.headers, json: () => JSON.parse(b.toString('utf8')) };
    },
    async close() {
      await seguimiento.stop();
      await worker.stop(1_000);
      await app.close();
      await rt.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A CFDI 4.0 document (examples/ingreso-mxn.txt's shape) with the given concepts and optional related UUIDs. */
export function documento(id: string, o: { importe: string; relacion?: { tipo: string; uuid: string } }): string {
  const lines = [
    `|00|${id}|FAC|4.0|`,
    '|01|1|||||||||||MXN||OC-7781|Entrega en almacén central|||I|PUE|||03|CONTADO|01||',
    ...(o.relacion ? [`|02|G1|${o.relacion.tipo}|`, `|02A|G1|${o.relacion.uuid}|`] : []),
    '|03|MCI7306249Y1|MCI7306249Y1|MUNICIPIO DE CUAUTITLAN IZCALLI|MÉXICO|AV. PRIMERO DE MAYO|100||CENTRO URBANO|||CUAUTITLÁN IZCALLI|ESTADO DE MÉXICO|54700|||G03|603|',
    `|05|43211503|LAP-14|1|LAPTOP 14 PULGADAS|${o.importe}||Pieza|H87||1|02|`,
    '|05C|1||IVA|Tasa|16||',
  ];
  return [...lines, `|99|${lines.length + 1}|`].join('\n');
}

/** PUTs a document, waits for the 200 and returns the GET body. */
export async function emitir(h: Harness, archivoFuente: string): Promise<{ idPeticion: string; body: any }> {
  const put = await h.http('PUT', `/${h.demo.keyEmpresa}/cfdisAsync`, { idTipoCfd: h.demo.idTipoCfd, idSucursal: h.demo.idSucursal, archivoFuente });
  if (put.status !== 200) throw new Error(`PUT ${put.status}: ${put.body}`);
  const idPeticion = put.json().idPeticion as string;
  const until = Date.now() + 30_000;
  for (;;) {
    const g = await h.http('GET', `/${h.demo.keyEmpresa}/cfdis/${idPeticion}`);
    if (g.status === 200) return { idPeticion, body: g.json() };
    if (g.status !== 202) throw new Error(`GET ${g.status}: ${g.body}`);
    if (Date.now() > until) throw new Error('still EN_PROCESO');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls `fn` until it returns a truthy value (bounded). */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
