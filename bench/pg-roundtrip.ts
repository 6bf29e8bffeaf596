/**
 * `npm run bench -- pg-roundtrip [--n N] [--json]` (needs CFDI_BENCH_PG_URL or CFDI_TEST_PG_URL)
 * What one PostgreSQL round trip costs on this machine, on one connection of a fresh
 * database: the client's CPU (node, the pg driver and the kernel's loopback path) and
 * the server backend's CPU per statement, for a typical read of the pipeline sent
 * unnamed (parsed and planned on every call) or as a named prepared statement, and the
 * wall time of a one-row UPDATE committed with and without waiting for the WAL flush.
 * It explains the end-to-end figures (docs/benchmarks.md, "PostgreSQL (issue 17, item 4)"):
 * there, every round trip also waits for a core, since node and PostgreSQL share them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freshDatabase } from './lib/pg.ts';
import { openPostgresStore } from '../src/storage/postgres/index.ts';

/** utime + stime of a process, in ms (clock ticks of 10 ms: run enough statements). */
function processCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { n: { type: 'string', default: '4000' }, json: { type: 'boolean', default: false } } });
  const n = Number(values.n);
  const adminUrl = process.env.CFDI_BENCH_PG_URL ?? process.env.CFDI_TEST_PG_URL;
  if (!adminUrl) throw new Error('pg-roundtrip needs CFDI_BENCH_PG_URL or CFDI_TEST_PG_URL');
  const db = await freshDatabase(adminUrl, 'cfdi_bench_rt');
  const client = new pg.Client({ connectionString: db.url });
  try {
    const store = openPostgresStore({ url: db.url, poolSize: 1 });
    await store.migrate();
    const e = await store.createEmpresa({ key: 'bench-key-0001', rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' });
    const s = await store.createSucursal({ empresaId: e.id, nombre: 'Matriz', codigoPostal: '42501' });
    const t = await store.createTipo({ empresaId: e.id, codigo: 'FAC', nombre: 'Factura', serie: 'A', nextFolio: 1, connector: 'xsa', layoutVersion: 'auto',
      defaults: { TipoDeComprobante: 'I', Exportacion: '01', Moneda: 'MXN', unidades: { PZA: 'H87' } } });
    const now = new Date();
    const peticionId = await store.createPeticion({ empresaId: e.id, tipoId: t.id, sucursalId: s.id, archivoFuente: 'x'.repeat(4_000),
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString() });
    await store.close();

    await client.connect();
    const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const measure = async (label: string, fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 200; i++) await fn(i); // warm-up: JIT, catalog caches, the first plans
      const c0 = process.cpuUsage();
      const s0 = processCpuMs(backend);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await fn(i);
      const wall = (performance.now() - t0) / n * 1000;
      const c = process.cpuUsage(c0);
      const server = (processCpuMs(backend) - s0) / n * 1000;
      return { label, wallUs: wall, clientCpuUs: (c.user + c.system) / n, serverCpuUs: server };
    };
    const peticion = 'SELECT p.*, c.uuid FROM peticiones p LEFT JOIN cfdis c ON c.id = p.cfdi_id WHERE p.id = $1';
    const update = 'UPDATE peticiones SET advertencias = $2 WHERE id = $1';
    const relaxed = "WITH r AS (SELECT set_config('synchronous_commit', 'off', true)) UPDATE peticiones SET advertencias = $2 FROM r WHERE id = $1";
    const rows = [
      await measure('SELECT 1 (simple protocol)', () => client.query('SELECT 1')),
      await measure('getPeticion, unnamed', () => client.query(peticion, [peticionId])),
      await measure('getPeticion, named (prepared once)', () => client.query({ name: 'peticion', text: peticion, values: [peticionId] })),
      await measure('UPDATE, commit waits for the WAL flush', (i) => client.query({ name: 'upd', text: update, values: [peticionId, `["${i}"]`] })),
      await measure('UPDATE, synchronous_commit off in the statement', (i) => client.query({ name: 'rel', text: relaxed, values: [peticionId, `["${i}"]`] })),
    ];
    if (values.json) console.log(JSON.stringify({ n, rows }));
    else {
      console.log(`one PostgreSQL connection, ${n} statements each (µs per statement; server CPU in 10 ms ticks, indicative)`);
      console.log(`  ${'statement'.padEnd(50)} ${'wall'.padStart(7)} ${'client CPU'.padStart(11)} ${'server CPU'.padStart(11)}`);
      for (const r of rows) {
        console.log(`  ${r.label.padEnd(50)} ${r.wallUs.toFixed(0).padStart(7)} ${r.clientCpuUs.toFixed(0).padStart(11)} ${r.serverCpuUs.toFixed(0).padStart(11)}`);
      }
    }
  } finally {
    await client.end().catch(() => undefined);
    await db.drop();
  }
}
