/**
 * The cancellation store's contract (src/storage/cancelaciones.ts), run unchanged against
 * SQLite and PostgreSQL: one live request per CFDI whoever asks first, answers recorded
 * with the CFDI's visible state, ended requests frozen, the first acuse kept, the
 * background job's claims, the related-documents scan within one empresa.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/storage/store.ts';
import type { CancelacionesStore, NewCancelacion } from '../../src/storage/cancelaciones.ts';
import { openSqliteCancelaciones } from '../../src/storage/sqlite/cancelaciones.ts';
import { openPostgresCancelaciones } from '../../src/storage/postgres/cancelaciones.ts';
import { BACKENDS, type TestDb } from './env.ts';
import { T0, cfdiMeta, createTenant, newPeticion, uuidOf, type Tenant } from './fixtures.ts';

for (const backend of BACKENDS) {
  describe(`cancelaciones contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    let c: CancelacionesStore;
    let t: Tenant;

    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore();
      await store.migrate();
      c = db.target.kind === 'sqlite' ? openSqliteCancelaciones({ file: db.target.file }) : openPostgresCancelaciones({ url: db.target.url, schema: db.target.schema });
      t = await createTenant(store);
    });
    afterEach(async () => {
      await c.close();
      await db.dispose();
    });

    async function stamped(tenant: Tenant, uuid: string, xml = `<cfdi uuid="${uuid}"/>`): Promise<number> {
      const id = await store.createPeticion(newPeticion(tenant));
      const { serie, folio } = await store.assignFolio(id);
      await store.saveSealed(id, `<sealed ${id}/>`, { notas: [], conceptos: [] });
      return store.saveStamped(id, xml, cfdiMeta({ serie, folio, uuid }));
    }

    const nueva = (cfdiId: number, o: Partial<NewCancelacion> = {}): NewCancelacion => ({
      empresaId: t.empresa.id, cfdiId, uuid: uuidOf(1), motivo: '02', solicitud: '<Cancelacion/>', requiereAceptacion: true,
      now: T0.toISOString(), nextCheckAt: T0.getTime() + 1_000, ...o,
    });

    test('one live request per CFDI, even when callers race; the CFDI shows CANCELACION_EN_PROCESO', async () => {
      const cfdiId = await stamped(t, uuidOf(1));
      const all = await Promise.all([1, 2, 3, 4].map((k) => c.crear(nueva(cfdiId, { solicitud: `<Cancelacion n="${k}"/>` }))));
      assert.equal(all.filter((x) => x.creada).length, 1);
      const first = all.find((x) => x.creada)!.record;
      assert.ok(all.every((x) => x.record.id === first.id && x.record.solicitud === first.solicitud), 'everyone sees the first request');
      assert.equal(first.estado, 'solicitando');
      assert.equal((await store.getCfdi(cfdiId))!.estadoCancelacion, 'CANCELACION_EN_PROCESO');
    });

    test('registrar records answers with the CFDI state; the first acuse stays; an ended request is frozen', async () => {
      const cfdiId = await stamped(t, uuidOf(1));
      const { record } = await c.crear(nueva(cfdiId));
      const base = { now: T0.toISOString(), nextCheckAt: T0.getTime() + 5_000 };
      assert.equal(await c.registrar(record.id, { ...base, estado: 'solicitando', estadoCfdi: 'CANCELACION_EN_PROCESO', ultimoError: 'timeout' }), true);
      assert.equal((await c.get(record.id))!.intentos, 1);
      assert.equal(await c.registrar(record.id, { ...base, estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO', codigo: '201', mensaje: 'ok', estatusSat: 'En proceso', acuse: '<Acuse n="1"/>' }), true);
      await c.registrar(record.id, { ...base, estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO', acuse: '<Acuse n="2"/>' });
      assert.equal((await c.get(record.id))!.acuse, '<Acuse n="1"/>');
      assert.equal(await c.registrar(record.id, { ...base, estado: 'cancelado', estadoCfdi: 'CANCELADO', fechaCancelacion: '2025-06-01T06:00:00', estatusSat: 'Cancelado con aceptación' }), true);
      const cfdi = (await store.getCfdi(cfdiId))!;
      assert.deepEqual([cfdi.estadoCancelacion, cfdi.fechaCancelacion], ['CANCELADO', '2025-06-01T06:00:00']);
      assert.equal(await c.registrar(record.id, { ...base, estado: 'rechazado', estadoCfdi: null }), false, 'ended: frozen');
      assert.equal((await store.getCfdi(cfdiId))!.estadoCancelacion, 'CANCELADO');
      const r = (await c.ultima(cfdiId))!;
      assert.deepEqual([r.estado, r.codigo, r.estatusSat, r.motivo], ['cancelado', '201', 'Cancelado con aceptación', '02']);
    });

    test('a change of state marks its effects pending until efectosHechos; the job claims an ended request with effects pending', async () => {
      const cfdiId = await stamped(t, uuidOf(1));
      const { record } = await c.crear(nueva(cfdiId, { nextCheckAt: 0 }));
      assert.equal(record.efectosPendientes, false);
      const at = (ms: number) => ({ now: T0.toISOString(), nextCheckAt: ms });
      await c.registrar(record.id, { ...at(0), estado: 'solicitando', estadoCfdi: 'CANCELACION_EN_PROCESO', ultimoError: 'x' });
      assert.equal((await c.get(record.id))!.efectosPendientes, false, 'still solicitando: no change');
      await c.registrar(record.id, { ...at(0), estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO' });
      assert.equal((await c.get(record.id))!.efectosPendientes, true);
      await c.efectosHechos(record.id, 'en_proceso');
      await c.registrar(record.id, { ...at(0), estado: 'en_proceso', estadoCfdi: 'CANCELACION_EN_PROCESO' });
      assert.equal((await c.get(record.id))!.efectosPendientes, false, 'same state again: nothing new to do');
      await c.registrar(record.id, { ...at(100), estado: 'cancelado', estadoCfdi: 'CANCELADO' });
      await c.efectosHechos(record.id, 'en_proceso');
      assert.equal((await c.get(record.id))!.efectosPendientes, true, "an older state's effects do not clear a newer one's");
      assert.deepEqual((await c.reclamarPendientes(1_000, 10, 10)).map((r) => [r.id, r.estado]), [[record.id, 'cancelado']]);
      await c.efectosHechos(record.id, 'cancelado');
      assert.deepEqual(await c.reclamarPendientes(5_000, 10, 10), []);
    });

    test('after a rejection a new request may be created', async () => {
      const cfdiId = await stamped(t, uuidOf(1));
      const { record } = await c.crear(nueva(cfdiId));
      await c.registrar(record.id, { now: T0.toISOString(), nextCheckAt: 0, estado: 'rechazado', estadoCfdi: 'CANCELACION_RECHAZADA' });
      assert.equal((await store.getCfdi(cfdiId))!.estadoCancelacion, 'CANCELACION_RECHAZADA');
      const again = await c.crear(nueva(cfdiId, { motivo: '03' }));
      assert.equal(again.creada, true);
      assert.equal((await c.ultima(cfdiId))!.id, again.record.id);
    });

    test('reclamarPendientes takes due pending requests once per lease', async () => {
      const a = (await c.crear(nueva(await stamped(t, uuidOf(1)), { nextCheckAt: 100 }))).record;
      const b = (await c.crear(nueva(await stamped(t, uuidOf(2)), { uuid: uuidOf(2), nextCheckAt: 200 }))).record;
      await c.crear(nueva(await stamped(t, uuidOf(3)), { uuid: uuidOf(3), nextCheckAt: 10_000 }));
      const ended = (await c.crear(nueva(await stamped(t, uuidOf(4)), { uuid: uuidOf(4), nextCheckAt: 50 }))).record;
      await c.registrar(ended.id, { now: T0.toISOString(), nextCheckAt: 50, estado: 'cancelado', estadoCfdi: 'CANCELADO' });
      await c.efectosHechos(ended.id, 'cancelado');
      assert.deepEqual((await c.reclamarPendientes(1_000, 5_000, 10)).map((r) => r.id), [a.id, b.id]);
      assert.deepEqual(await c.reclamarPendientes(1_000, 5_000, 10), [], 'leased');
      assert.equal((await c.reclamarPendientes(6_000, 5_000, 1)).length, 1, 'limit');
    });

    test('candidatosRelacionados: CFDIs of the same empresa mentioning the UUID, with their state', async () => {
      const target = await stamped(t, uuidOf(1));
      const rel = await stamped(t, uuidOf(2), `<cfdi><r UUID="${uuidOf(1).toLowerCase()}"/></cfdi>`);
      await stamped(t, uuidOf(3));
      const other = await createTenant(store);
      await stamped(other, uuidOf(4), `<cfdi><r UUID="${uuidOf(1)}"/></cfdi>`);
      const found = await c.candidatosRelacionados(t.empresa.id, uuidOf(1), target);
      assert.deepEqual(found.map((x) => [x.id, x.uuid, x.vigente]), [[rel, uuidOf(2), true]]);
      const { record } = await c.crear(nueva(rel, { uuid: uuidOf(2) }));
      assert.equal((await c.candidatosRelacionados(t.empresa.id, uuidOf(1), target))[0].vigente, true, 'waiting for its receptor: still live');
      await c.registrar(record.id, { now: T0.toISOString(), nextCheckAt: 0, estado: 'cancelado', estadoCfdi: 'CANCELADO' });
      assert.equal((await c.candidatosRelacionados(t.empresa.id, uuidOf(1), target))[0].vigente, false, 'cancelled: not live');
      await c.guardarPdf(target, Buffer.from('%PDF-cancelado'));
      assert.deepEqual(await store.getCfdiPdf(target), Buffer.from('%PDF-cancelado'));
      assert.ok(record);
    });
  });
}
