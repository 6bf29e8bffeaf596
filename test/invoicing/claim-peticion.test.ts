/**
 * Issue 17: on PostgreSQL a worker's job arrives with its peticion, read in the claim's
 * statement (the queue and store adapters main/ joins), so the worker does not read it
 * again; on SQLite the job carries none and the worker reads it. Real runtimes, a real
 * worker; the store is only counted, never replaced.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { startWorker } from '../../src/invoicing/worker.ts';
import type { InvoicingDeps } from '../../src/invoicing/deps.ts';

const PG_URL = process.env.CFDI_TEST_PG_URL;

const backends = [
  { name: 'sqlite', reads: 1, url: () => undefined },
  {
    name: 'postgres',
    reads: 0,
    skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set: PostgreSQL skipped',
    url: (schema: string) => {
      const u = new URL(PG_URL!);
      u.searchParams.set('schema', schema);
      return u.toString();
    },
  },
];

for (const b of backends) {
  describe(`the worker's read of its peticion: ${b.name}`, { skip: b.skip }, () => {
    let rt: Runtime;
    let demo: DemoTenant;
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-claim-'));
    const schema = `cfdi_claim_${randomBytes(6).toString('hex')}`;

    before(async () => {
      const url = b.url(schema);
      rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, ...(url ? { CFDI_DATABASE_URL: url } : {}) }), { log: pino({ level: 'silent' }) });
      demo = (await ensureDemoTenant(rt.deps)).tenant;
    });
    after(async () => {
      await rt?.close();
      rmSync(dir, { recursive: true, force: true });
      if (b.name !== 'postgres') return;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
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
