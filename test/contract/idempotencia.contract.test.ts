/**
 * The storage port's Idempotency-Key contract (issue 14), against every backend in
 * `env.ts`: one key names one peticion per empresa within its window, whoever races
 * for it, and a claim that left the window is replaced.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaveIdempotencia, Store } from '../../src/storage/store.ts';
import { BACKENDS, runChild, type TestDb } from './env.ts';
import { T0, createTenant, newPeticion, type Tenant } from './fixtures.ts';

const HOUR = 3600_000;
const clave = (over: Partial<ClaveIdempotencia> = {}): ClaveIdempotencia => ({
  clave: 'pedido-4711',
  huella: 'h1',
  vigenteDesde: new Date(T0.getTime() - 72 * HOUR).toISOString(),
  ...over,
});

for (const backend of BACKENDS) {
  describe(`idempotency contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    let t: Tenant;

    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore({ clock: () => T0 });
      await store.migrate();
      t = await createTenant(store);
    });
    afterEach(async () => {
      await db.dispose();
    });

    const counts = async () => ({
      peticiones: Number((await db.rows('SELECT count(*) AS n FROM peticiones'))[0].n),
      jobs: Number((await db.rows('SELECT count(*) AS n FROM jobs'))[0].n),
    });

    test('the first call creates the peticion and its job; the same key returns it and writes nothing', async () => {
      const a = await store.createPeticionIdempotent(newPeticion(t), clave());
      assert.equal(a.nueva, true);
      assert.equal(a.huella, 'h1');
      assert.equal((await store.getPeticion(a.peticionId))?.stage, 'queued');
      const b = await store.createPeticionIdempotent(newPeticion(t, { archivoFuente: 'otro' }), clave({ huella: 'h2' }));
      assert.deepEqual(b, { peticionId: a.peticionId, huella: 'h1', nueva: false });
      assert.deepEqual(await counts(), { peticiones: 1, jobs: 1 });
    });

    test('keys are per empresa, and distinct keys make distinct peticiones', async () => {
      const other = await createTenant(store);
      const a = await store.createPeticionIdempotent(newPeticion(t), clave());
      const b = await store.createPeticionIdempotent(newPeticion(other), clave());
      const c = await store.createPeticionIdempotent(newPeticion(t), clave({ clave: 'pedido-4712' }));
      assert.equal(new Set([a.peticionId, b.peticionId, c.peticionId]).size, 3);
      assert.ok(b.nueva && c.nueva);
      assert.deepEqual(await counts(), { peticiones: 3, jobs: 3 });
    });

    test('a claim older than vigenteDesde no longer holds the key: a new peticion takes it over', async () => {
      const a = await store.createPeticionIdempotent(newPeticion(t, { createdAt: new Date(T0.getTime() - 73 * HOUR) }), clave());
      const b = await store.createPeticionIdempotent(newPeticion(t), clave({ huella: 'h2' }));
      assert.equal(b.nueva, true);
      assert.notEqual(b.peticionId, a.peticionId);
      // And the new claim holds from now on.
      const c = await store.createPeticionIdempotent(newPeticion(t), clave({ huella: 'h3' }));
      assert.deepEqual(c, { peticionId: b.peticionId, huella: 'h2', nueva: false });
    });

    test('purging the peticion frees its key', async () => {
      const a = await store.createPeticionIdempotent(newPeticion(t, { expiresAt: new Date(T0.getTime() - 1) }), clave());
      await db.rows(`UPDATE jobs SET state = 'done' WHERE peticion_id = ?`, [a.peticionId]);
      assert.equal(await store.purgeExpired(T0.toISOString()), 1);
      const b = await store.createPeticionIdempotent(newPeticion(t), clave());
      assert.equal(b.nueva, true);
      assert.notEqual(b.peticionId, a.peticionId);
    });

    test('concurrent callers in two processes with one key get one peticion and one job', async () => {
      const startAt = Date.now() + 1_500;
      const cmd = { op: 'createPeticionIdempotent', target: db.target, startAt, calls: 6, peticion: newPeticion(t), clave: clave() };
      const results = (await Promise.all([runChild<Array<{ peticionId: number; nueva: boolean }>>(cmd), runChild<Array<{ peticionId: number; nueva: boolean }>>(cmd)])).flat();
      assert.equal(results.length, 12);
      assert.equal(new Set(results.map((r) => r.peticionId)).size, 1, JSON.stringify(results));
      assert.equal(results.filter((r) => r.nueva).length, 1, JSON.stringify(results));
      assert.deepEqual(await counts(), { peticiones: 1, jobs: 1 });
    });
  });
}
