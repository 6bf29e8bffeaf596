/**
 * The notifications storage port's contract (src/storage/notificaciones.ts), run
 * unchanged against SQLite and PostgreSQL: settings round trips, webhooks, publication
 * once per key, the outbox's claims, leases, caps and attempts. Outbox time is a
 * controllable clock.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/storage/store.ts';
import type { NewEntrega, NewEvento, NotificacionesStore } from '../../src/storage/notificaciones.ts';
import { openSqliteNotificaciones } from '../../src/storage/sqlite/notificaciones.ts';
import { openPostgresNotificaciones } from '../../src/storage/postgres/notificaciones.ts';
import { BACKENDS, type Target, type TestDb } from './env.ts';
import { T0, cfdiMeta, createTenant, newPeticion, uuidOf, type Tenant } from './fixtures.ts';

const LEASE = 30_000;
const HOUR = 3_600_000;

function openAt(t: Target, clock: () => Date): NotificacionesStore {
  return t.kind === 'sqlite'
    ? openSqliteNotificaciones({ file: t.file, clock, pollMs: 20 })
    : openPostgresNotificaciones({ url: t.url, schema: t.schema, clock, pollMs: 20 });
}

for (const backend of BACKENDS) {
  describe(`notificaciones contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    let n: NotificacionesStore;
    let now: number;
    const clock = () => new Date(now);
    const opened: NotificacionesStore[] = [];
    const open = () => {
      const x = openAt(db.target, clock);
      opened.push(x);
      return x;
    };
    let t: Tenant;

    beforeEach(async () => {
      now = T0.getTime();
      db = await backend.create();
      store = db.openStore({ clock });
      await store.migrate();
      n = open();
      t = await createTenant(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((x) => x.close()));
      await db.dispose();
    });

    const evento = (clave: string, o: Partial<NewEvento> = {}): NewEvento => ({
      publicId: randomUUID(), clave, empresaId: t.empresa.id, tipo: 'peticion.almacenada', payload: '{"a":"ñ"}', createdAt: T0.toISOString(), ...o,
    });
    const correo = (o: Partial<NewEntrega> = {}): NewEntrega => ({
      publicId: randomUUID(), canal: 'correo', empresaId: t.empresa.id, cfdiId: 7, destino: 'a@x.mx', datos: { para: ['a@x.mx'] },
      ventanaMs: 24 * HOUR, createdAt: T0.toISOString(), ...o,
    });
    const attempt = (ok: boolean, detalle = ok ? '250 Ok' : '421 busy') => ({ at: new Date(now).toISOString(), ok, detalle, duracionMs: 12 });

    test('SMTP settings round trip: the sealed password bytes intact, optional fields cleared by saving without them', async () => {
      assert.equal(await n.getSmtp(t.empresa.id), undefined);
      const sealed = Buffer.from([0, 1, 2, 250, 255]);
      await n.saveSmtp({ empresaId: t.empresa.id, host: 'smtp.x.mx', port: 587, tls: 'starttls', user: 'u', passwordSealed: sealed,
        fromAddress: 'f@x.mx', fromName: 'Facturación Ñ', replyTo: 'r@x.mx', subjectTemplate: 'S {{uuid}}', bodyTemplate: 'B', caPem: 'PEM', updatedAt: T0.toISOString() });
      const s = (await n.getSmtp(t.empresa.id))!;
      assert.ok(s.passwordSealed?.equals(sealed));
      assert.deepEqual({ ...s, passwordSealed: undefined }, { empresaId: t.empresa.id, host: 'smtp.x.mx', port: 587, tls: 'starttls', user: 'u',
        passwordSealed: undefined, fromAddress: 'f@x.mx', fromName: 'Facturación Ñ', replyTo: 'r@x.mx', subjectTemplate: 'S {{uuid}}', bodyTemplate: 'B', caPem: 'PEM', updatedAt: T0.toISOString() });
      await n.saveSmtp({ empresaId: t.empresa.id, host: 'h', port: 25, tls: 'none', fromAddress: 'f@x.mx', updatedAt: T0.toISOString() });
      assert.deepEqual(await n.getSmtp(t.empresa.id), { empresaId: t.empresa.id, host: 'h', port: 25, tls: 'none', fromAddress: 'f@x.mx', updatedAt: T0.toISOString() });
      assert.equal(await n.deleteSmtp(t.empresa.id), true);
      assert.equal(await n.deleteSmtp(t.empresa.id), false);
    });

    test('copies per tipo; an empty list clears them', async () => {
      assert.deepEqual(await n.getCopias(t.tipo.id), []);
      await n.setCopias(t.tipo.id, ['a@x.mx', 'b@x.mx']);
      assert.deepEqual((await n.suscripciones(t.empresa.id, t.tipo.id)).copias, ['a@x.mx', 'b@x.mx']);
      await n.setCopias(t.tipo.id, []);
      assert.deepEqual(await n.getCopias(t.tipo.id), []);
    });

    test('webhooks: created, listed, removed (kept on record, out of the subscriptions, pending deliveries failed)', async () => {
      const w = await n.createWebhook({ publicId: randomUUID(), empresaId: t.empresa.id, url: 'https://x.mx/h', eventos: ['peticion.error'],
        secretSealed: Buffer.from('s'), createdAt: T0.toISOString() });
      assert.deepEqual(await n.getWebhook(w.publicId), w);
      assert.deepEqual(await n.getWebhookById(w.id), w);
      assert.deepEqual((await n.suscripciones(t.empresa.id, t.tipo.id)).webhooks.map((x) => x.id), [w.id]);
      const other = await createTenant(store);
      assert.deepEqual(await n.listWebhooks(other.empresa.id), []);
      await n.publicar(evento('k1'), [{ ...correo(), canal: 'webhook', webhookId: w.id, destino: w.url, datos: {} }]);
      assert.equal(await n.removeWebhook(other.empresa.id, w.publicId, T0.toISOString()), false, 'another empresa cannot remove it');
      assert.equal(await n.removeWebhook(t.empresa.id, w.publicId, T0.toISOString()), true);
      assert.equal(await n.removeWebhook(t.empresa.id, w.publicId, T0.toISOString()), false);
      assert.deepEqual(await n.listWebhooks(t.empresa.id), []);
      assert.equal((await n.listWebhooks(t.empresa.id, true))[0].removedAt, T0.toISOString());
      const [e] = await n.listEntregas({ webhookId: w.id, limit: 5 });
      assert.equal(e.estado, 'fallida');
      assert.equal(e.ultimoError, 'webhook eliminado');
      assert.equal(await n.claim('w1', LEASE, 4), null);
    });

    test("suscripciones: the empresa's active webhooks (whole, by id) and the tipo's copies, each present without the other", async () => {
      const other = await createTenant(store);
      assert.deepEqual(await n.suscripciones(t.empresa.id, t.tipo.id), { webhooks: [], copias: [] });
      await n.setCopias(t.tipo.id, ['a@x.mx']);
      await n.setCopias(other.tipo.id, ['otro@x.mx']);
      assert.deepEqual(await n.suscripciones(t.empresa.id, t.tipo.id), { webhooks: [], copias: ['a@x.mx'] });
      const hook = (empresaId: number, url: string) => n.createWebhook({ publicId: randomUUID(), empresaId, url, eventos: ['*'],
        secretSealed: Buffer.from([0, 255, 7]), createdAt: T0.toISOString() });
      const w1 = await hook(t.empresa.id, 'https://x.mx/1');
      const gone = await hook(t.empresa.id, 'https://x.mx/2');
      const w3 = await hook(t.empresa.id, 'https://x.mx/3');
      await hook(other.empresa.id, 'https://otro.mx/1');
      await n.removeWebhook(t.empresa.id, gone.publicId, T0.toISOString());
      assert.deepEqual(await n.suscripciones(t.empresa.id, t.tipo.id), { webhooks: [w1, w3], copias: ['a@x.mx'] });
      await n.setCopias(t.tipo.id, []);
      assert.deepEqual(await n.suscripciones(t.empresa.id, t.tipo.id), { webhooks: [w1, w3], copias: [] });
    });

    test("a peticion records whether anyone was subscribed to its end when it was accepted: an active webhook of its empresa or its tipo's copies", async () => {
      const other = await createTenant(store);
      // Each way of accepting a request: the PUT's (checked by key), by ids, and with an idempotency key.
      const aceptar = async () => {
        const porClave = await store.createPeticionForKey(t.empresa.key, newPeticion(t));
        assert.ok('peticionId' in porClave);
        const idempotente = await store.createPeticionIdempotent(newPeticion(t), { clave: randomUUID(), huella: 'h', vigenteDesde: T0.toISOString() });
        const ids = [porClave.peticionId, await store.createPeticion(newPeticion(t)), idempotente.peticionId];
        return Promise.all(ids.map(async (id) => (await store.getPeticion(id))!.suscripciones));
      };
      assert.deepEqual(await aceptar(), [false, false, false]);
      await n.setCopias(other.tipo.id, ['otro@x.mx']);
      await n.createWebhook({ publicId: randomUUID(), empresaId: other.empresa.id, url: 'https://otro.mx/1', eventos: ['*'],
        secretSealed: Buffer.from([1]), createdAt: T0.toISOString() });
      assert.deepEqual(await aceptar(), [false, false, false], "another empresa's webhook and another tipo's copies count for nothing");
      const w = await n.createWebhook({ publicId: randomUUID(), empresaId: t.empresa.id, url: 'https://x.mx/1', eventos: ['peticion.error'],
        secretSealed: Buffer.from([1]), createdAt: T0.toISOString() });
      assert.deepEqual(await aceptar(), [true, true, true]);
      await n.removeWebhook(t.empresa.id, w.publicId, T0.toISOString());
      assert.deepEqual(await aceptar(), [false, false, false], 'a removed webhook counts for nothing');
      await n.setCopias(t.tipo.id, ['a@x.mx']);
      assert.deepEqual(await aceptar(), [true, true, true]);
    });

    test('consultarPeticion tells whether a done CFDI has e-mail deliveries (first or re-sent), so its GET reads them only then', async () => {
      const id = await store.createPeticion(newPeticion(t));
      const { serie, folio } = await store.assignFolio(id);
      await store.saveSealed(id, '<sealed/>', { notas: [], conceptos: [] });
      const cfdiId = await store.saveStamped(id, '<cfdi/>', cfdiMeta({ uuid: uuidOf(31), serie, folio }));
      const tiene = async () => (await store.consultarPeticion(t.empresa.key, id))!.tieneCorreos;
      await n.crearEntrega(correo({ cfdiId }));
      assert.equal(await tiene(), false, 'asked only once the peticion is done');
      await store.savePdf(id, Buffer.from('%PDF'));
      assert.equal(await tiene(), true);

      const other = await store.createPeticion(newPeticion(t));
      const f2 = await store.assignFolio(other);
      await store.saveSealed(other, '<sealed/>', { notas: [], conceptos: [] });
      const cfdi2 = await store.saveStamped(other, '<cfdi/>', cfdiMeta({ uuid: uuidOf(32), ...f2 }));
      await store.savePdf(other, null);
      const tiene2 = async () => (await store.consultarPeticion(t.empresa.key, other))!.tieneCorreos;
      assert.equal(await tiene2(), false);
      await n.publicar(evento(`peticion:${other}`, { peticionId: other, cfdiId: cfdi2 }), [{ ...correo({ cfdiId: cfdi2 }), canal: 'webhook', datos: {} }]);
      assert.equal(await tiene2(), false, 'a webhook delivery is not an e-mail');
      await n.crearEntrega(correo({ cfdiId: cfdi2, reenvioDe: 1 }));
      assert.equal(await tiene2(), true, 'an e-mail re-sent by the operator is listed too');
    });

    test('publicar writes an event and its deliveries once per clave', async () => {
      assert.equal(await n.eventoExiste('peticion:1'), false);
      const e = evento('peticion:1', { peticionId: 1, cfdiId: 7 });
      assert.equal(await n.publicar(e, [correo(), correo()]), true);
      assert.equal(await n.publicar(evento('peticion:1'), [correo()]), false, 'a second publication changes nothing');
      assert.equal(await n.eventoExiste('peticion:1'), true);
      const stored = (await n.getEvento(e.publicId))!;
      assert.deepEqual({ ...stored, id: 0 }, { ...e, id: 0 });
      assert.deepEqual(await n.getEventoById(stored.id), stored);
      const list = await n.listEntregas({ eventoId: stored.id, limit: 10 });
      assert.equal(list.length, 2);
      assert.ok(list.every((x) => x.estado === 'pendiente' && x.intentos === 0 && x.runAt === now && x.venceAt === now + 24 * HOUR));
      assert.deepEqual(await n.stats(), { pendiente: 2, en_curso: 0, entregada: 0, fallida: 0 });
    });

    test('a delivery born failed is recorded and never claimed', async () => {
      const x = await n.crearEntrega(correo({ fallida: 'sin destinatarios' }));
      assert.equal(x.estado, 'fallida');
      assert.equal(x.ultimoError, 'sin destinatarios');
      assert.equal(await n.claim('w1', LEASE, 4), null);
    });

    test('claim, attempt records, retry at its time, delivered; only the holder finishes', async () => {
      const x = await n.crearEntrega(correo());
      const c = (await n.claim('w1', LEASE, 4))!;
      assert.equal(c.entrega.id, x.id);
      assert.equal(c.now, now);
      assert.equal(c.entrega.intentos, 1);
      assert.equal(c.entrega.estado, 'en_curso');
      assert.equal(await n.claim('w2', LEASE, 4), null, 'held');
      assert.equal(await n.finish(x.id, 'w2', attempt(true), { estado: 'entregada' }), false, 'not the holder');
      assert.equal(await n.finish(x.id, 'w1', attempt(false), { estado: 'pendiente', enMs: 60_000, error: '421 busy', respuesta: '421 busy' }), true);
      let e = (await n.getEntrega(x.publicId))!;
      assert.deepEqual([e.estado, e.runAt, e.ultimoError, e.respuesta], ['pendiente', now + 60_000, '421 busy', '421 busy']);
      assert.equal(await n.claim('w1', LEASE, 4), null, 'not before its time');
      now += 60_000;
      const again = (await n.claim('w2', LEASE, 4))!;
      assert.equal(again.entrega.intentos, 2);
      assert.equal(await n.finish(x.id, 'w1', attempt(true), { estado: 'entregada' }), false, 'the first holder lost it');
      assert.equal(await n.finish(x.id, 'w2', attempt(true, '250 queued'), { estado: 'entregada', respuesta: '250 queued', resultado: { aceptados: ['a@x.mx'] } }), true);
      e = (await n.getEntrega(x.publicId))!;
      assert.deepEqual([e.estado, e.entregadaAt, e.respuesta, e.resultado, e.ultimoError], ['entregada', new Date(now).toISOString(), '250 queued', { aceptados: ['a@x.mx'] }, undefined]);
      assert.deepEqual(await n.listIntentos(x.id), [
        { numero: 1, at: new Date(now - 60_000).toISOString(), ok: false, detalle: '421 busy', duracionMs: 12 },
        { numero: 2, at: new Date(now).toISOString(), ok: true, detalle: '250 queued', duracionMs: 12 },
      ]);
      now += 100 * HOUR;
      assert.equal(await n.claim('w1', LEASE, 4), null, 'delivered is never handed out again');
    });

    test('failed for good keeps its error and is not retried', async () => {
      const x = await n.crearEntrega(correo());
      await n.claim('w1', LEASE, 4);
      await n.finish(x.id, 'w1', attempt(false, '550 no such user'), { estado: 'fallida', error: '550 no such user' });
      now += 100 * HOUR;
      assert.equal(await n.claim('w1', LEASE, 4), null);
      assert.equal((await n.getEntrega(x.publicId))!.ultimoError, '550 no such user');
    });

    test('an expired lease hands the delivery to another worker (at-least-once); renew keeps it; release gives it back uncounted', async () => {
      const x = await n.crearEntrega(correo());
      await n.claim('w1', LEASE, 4);
      now += LEASE - 1;
      assert.equal(await n.renew(x.id, 'w1', LEASE), true);
      now += LEASE - 1;
      assert.equal(await n.claim('w2', LEASE, 4), null, 'renewed');
      now += 2;
      const c = (await n.claim('w2', LEASE, 4))!;
      assert.equal(c.entrega.id, x.id);
      assert.equal(c.entrega.intentos, 2);
      assert.equal(await n.renew(x.id, 'w1', LEASE), false);
      await n.release(x.id, 'w1');
      assert.equal((await n.getEntrega(x.publicId))!.estado, 'en_curso', 'only the holder releases');
      await n.release(x.id, 'w2');
      const e = (await n.getEntrega(x.publicId))!;
      assert.deepEqual([e.estado, e.intentos], ['pendiente', 1]);
    });

    test('at most perEmpresa deliveries of one empresa and channel run at once; other empresas and channels go on', async () => {
      const other = await createTenant(store);
      for (let i = 0; i < 3; i++) await n.crearEntrega(correo());
      await n.crearEntrega(correo({ canal: 'webhook', destino: 'https://x.mx' }));
      await n.crearEntrega(correo({ empresaId: other.empresa.id }));
      const got: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await n.claim(`w${i}`, LEASE, 2);
        if (c) got.push(`${c.entrega.empresaId === t.empresa.id ? 'A' : 'B'}-${c.entrega.canal}`);
      }
      assert.deepEqual(got.sort(), ['A-correo', 'A-correo', 'A-webhook', 'B-correo']);
    });

    test('concurrent claimers (separate connections) never get the same delivery', async () => {
      for (let i = 0; i < 30; i++) await n.crearEntrega(correo());
      const stores = [n, open(), open()];
      const claimed: number[] = [];
      await Promise.all(stores.map(async (s, k) => {
        for (;;) {
          const c = await s.claim(`w${k}`, LEASE, 1_000);
          if (!c) return;
          claimed.push(c.entrega.id);
        }
      }));
      assert.equal(claimed.length, 30);
      assert.equal(new Set(claimed).size, 30);
    });

    test('listings: by CFDI, channel and event, newest first; a CFDI by UUID', async () => {
      const a = await n.crearEntrega(correo({ cfdiId: 1 }));
      const b = await n.crearEntrega(correo({ cfdiId: 1, reenvioDe: a.id }));
      await n.crearEntrega(correo({ cfdiId: 2 }));
      await n.crearEntrega(correo({ cfdiId: 1, canal: 'webhook' }));
      assert.deepEqual((await n.listEntregas({ cfdiId: 1, canal: 'correo', limit: 10 })).map((x) => x.id), [b.id, a.id]);
      assert.deepEqual((await n.listEntregas({ cfdiId: 1, canal: 'correo', limit: 1 })).map((x) => x.id), [b.id]);
      assert.equal((await n.getEntrega(b.publicId))!.reenvioDe, a.id);
      assert.equal(await n.cfdiIdByUuid('6F1E5A4C-0000-4000-8000-000000000000'), undefined);
    });

    test('waitForWork wakes on a new delivery from this process, and notices due ones by polling', async () => {
      const ac = new AbortController();
      const started = Date.now();
      const waiting = n.waitForWork(30_000, ac.signal);
      setTimeout(() => void n.crearEntrega(correo()), 50);
      await waiting;
      assert.ok(Date.now() - started < 10_000, 'woken, not timed out');
      const other = open();
      const w2 = other.waitForWork(30_000);
      const t2 = Date.now();
      await w2; // the delivery above is due: the probe finds it
      assert.ok(Date.now() - t2 < 10_000);
    });
  });
}
