/**
 * One thread of the pipeline ceiling (ceiling.ts): the workers' own code —
 * invoicing/process.ts `processPeticion`, with the service's connector, rules, CSD, test
 * PAC and PDF renderer — over the bench's documents, with the database taken out: the
 * peticion and every stage write live in memory, and the tenant's rows, directory and
 * catalog answers are read from the real store once and then kept. What is left is what
 * a document costs without HTTP, queue or database: the ceiling end to end is measured
 * against.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime } from '../../src/main/runtime.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import type { Peticion, Store } from '../../src/storage/store.ts';
import { createMapStampMemory, createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { benchDocument, type Tenant } from './load.ts';

/** This thread's CPU time (Linux; process.cpuUsage() counts the whole process). */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const { env, tenant, seconds, concepts, start } = workerData as { env: Record<string, string>; tenant: Tenant; seconds: number; concepts: number; start: number };
const rt = await openRuntime(loadConfig(env), { role: 'worker', log: pino({ level: 'silent' }) });
const empresa = (await rt.store.getEmpresaByKey(tenant.keyEmpresa))!;
const tipoId = rt.deps.ids.decode('tipo', tenant.idTipoCfd)!;
const sucursalId = rt.deps.ids.decode('sucursal', tenant.idSucursal)!;
const tipo = (await rt.store.getTipo(tipoId))!;

const peticiones = new Map<number, Peticion>();
let folio = 0;
const kept = new Map<string, Promise<unknown>>();
const once = <T>(k: string, load: () => Promise<T>): Promise<T> => {
  let v = kept.get(k);
  if (!v) kept.set(k, (v = load()));
  return v as Promise<T>;
};
const real = rt.store;
const at = (id: number) => peticiones.get(id)!;
const memory: Partial<Store> = {
  getPeticion: async (id) => peticiones.get(id),
  failPeticion: async (id, errors, advertencias) => void Object.assign(at(id), { stage: 'error', errors, advertencias }),
  assignFolio: async (id, o) => ({ serie: o?.serie ?? tipo.serie, folio: o?.folio ?? String(++folio) }),
  saveSealed: async (id, xml, printed, advertencias) => (Object.assign(at(id), { stage: 'sealed', sealedXml: xml, printed, advertencias }), xml),
  saveStamped: async (id) => (Object.assign(at(id), { stage: 'stamped', cfdiId: id }), id),
  savePdf: async (id) => void (at(id).stage = 'done'),
  findReceptor: (e, k) => once(`r:${k}`, () => real.findReceptor(e, k)),
  findProducto: (e, k) => once(`p:${k}`, () => real.findProducto(e, k)),
  findDirectorio: (e, q) => once(`d:${q.receptores.join('|')}:${q.productos.join('|')}`, () => real.findDirectorio(e, q)),
  lookupCatalog: (c, k) => once(`c:${c}:${k.join('|')}`, () => real.lookupCatalog(c, k)),
};
const store = new Proxy(real, {
  get(t, prop) {
    if (prop in memory) return memory[prop as keyof Store];
    const v = Reflect.get(t, prop);
    return typeof v === 'function' ? v.bind(t) : v;
  },
});
const pac = await generateTestPacCredentials();
const stamper = createTestPacStamper({ certPem: pac.certPem, keyPem: pac.keyPem, memory: createMapStampMemory() });
const deps = { ...rt.deps, store, stamper, stampers: undefined, notifier: undefined, pagos: undefined };
const caches = newCaches();

let n = 0;
const run = async (until: number) => {
  for (; Date.now() < until; n++) {
    const id = n + 1;
    const now = new Date();
    peticiones.set(id, { id, empresaId: empresa.id, tipoId, sucursalId, archivoFuente: benchDocument(start + n, concepts), stage: 'queued',
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString() });
    const outcome = await processPeticion(deps, caches, id);
    if (outcome !== 'done') throw new Error(`ceiling document ${n}: ${outcome} ${JSON.stringify(at(id).errors)}`);
    peticiones.delete(id);
  }
};
await run(Date.now() + 1_000); // warm-up: JIT, fonts, caches
parentPort!.postMessage({ type: 'ready' });
await new Promise((r) => parentPort!.once('message', r));
n = 0;
const t0 = process.hrtime.bigint();
const cpu0 = threadCpuMs();
await run(Date.now() + seconds * 1000);
parentPort!.postMessage({ type: 'done', documents: n, ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: threadCpuMs() - cpu0 });
await rt.close();
