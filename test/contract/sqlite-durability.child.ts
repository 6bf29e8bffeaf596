/**
 * Child of sqlite-durability.test.ts, run under strace: each store call between two marker
 * writes on fd 2, so the parent can count the fsyncs each one caused.
 */
import { writeSync } from 'node:fs';
import { openSqliteStore } from '../../src/storage/sqlite/index.ts';
import { cfdiMeta, createTenant, newPeticion, uuidOf } from './fixtures.ts';

const store = openSqliteStore({ file: process.argv[2]! });
await store.migrate();
const t = await createTenant(store);
const mark = (s: string) => writeSync(2, `@@${s}@@\n`);
const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  mark(`begin ${name}`);
  const r = await f();
  mark(`end ${name}`);
  return r;
};
const id = await step('createPeticion', () => store.createPeticion(newPeticion(t)));
await step('createPeticionIdempotent', () => store.createPeticionIdempotent(newPeticion(t), { clave: 'clave-1', huella: 'h', vigenteDesde: new Date(0).toISOString() }));
const { serie, folio } = await step('assignFolio', () => store.assignFolio(id));
await step('saveSealed', () => store.saveSealed(id, '<sealed/>', { notas: [], conceptos: [] }, ['una advertencia']));
await step('saveStamped', () => store.saveStamped(id, '<cfdi/>', cfdiMeta({ uuid: uuidOf(1), serie, folio }), Buffer.from('%PDF')));
await store.close();
