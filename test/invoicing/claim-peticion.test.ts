/**
 * Issue 17: on PostgreSQL a worker's job arrives with its peticion, read in the claim's
 * statement (the queue and store adapters main/ joins), so the worker does not read it
 * again; on SQLite the job carries none and the worker reads it. Real runtimes, a real
 * worker; the store is only counted, never replaced.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { startWorker } from '../../src/invoicing/worker.ts';
import type { InvoicingDeps } from '../../src/invoicing/deps.ts';
import { postgresSchema } from '../contract/env.ts';

const PG_URL = process.env.CFDI_TEST_PG_URL;

const backends = [
  { name: 'sqlite', reads: 1, schema: () => undefined },
  {
    name: 'postgres',
    reads: 0,
    skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set: PostgreSQL skipped',
    schema: () => postgresSchema('cfdi_claim'),
  },
];

for (const b of backends) {
  describe(`the worker's read of its peticion: ${b.name}`, { skip: b.skip }, () => {
    let rt: Runtime;
    let demo: DemoTenant;
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-claim-'));
    const schema = b.skip ? undefined : b.schema();

    before(async () => {
      rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, ...(schema ? { CFDI_DATABASE_URL: schema.url } : {}) }), { log: pino({ level: 'silent' }) });
      demo = (await ensureDemoTenant(rt.deps)).tenant;
    });
    after(async () => {
      await rt?.close();
      rmSync(dir, { recursive: true, force: true });
      await schema?.drop();
    });

    test(`a job run from queued to done reads its peticion ${b.reads} time(s) (${b.name === 'postgres' ? 'the claim read it' : 'the job carries none'})`, async () => {
      let reads = 0;
      const store = Object.assign(Object.create(rt.store) as InvoicingDeps['store'], {
        getPeticion: (id: number) => {
          reads++;
          return rt.store.getPeticion(id);
        },
      });
      const d: InvoicingDeps = { ...rt.deps, store };
      const { idPeticion } = await submitPeticion(d, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: DEMO_DOCUMENT });
      const w = startWorker(d, { concurrency: 1, leaseMs: 30_000, idleMs: 20 });
      try {
        // Polled through the uncounted deps: only the worker's reads count.
        const until = Date.now() + 30_000;
        let r = await queryPeticion(rt.deps, demo.keyEmpresa, idPeticion);
        while (r.status === 202 && Date.now() < until) {
          await new Promise((res) => setTimeout(res, 20));
          r = await queryPeticion(rt.deps, demo.keyEmpresa, idPeticion);
        }
        assert.equal(r.status, 200, JSON.stringify(r.body));
      } finally {
        await w.stop();
      }
      assert.equal(reads, b.reads);
    });
  });
}
