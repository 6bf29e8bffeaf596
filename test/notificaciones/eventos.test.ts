/**
 * The notifier's reads (issue 17): handed the peticion the pipeline just ended, it reads
 * no peticion for one that notifies nobody, and builds what it does notify from the stored
 * row; the GET of a CFDI without e-mails reads no deliveries. Real SQLite runtime, the
 * pipeline run by hand; the stores are only counted, never replaced.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, DEMO_DOCUMENT, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { newCaches, processPeticion, type Terminada } from '../../src/invoicing/process.ts';
import { notifyEnded } from '../../src/invoicing/notifier.ts';
import { createNotifier } from '../../src/notificaciones/eventos.ts';
import { reenviarCorreo } from '../../src/notificaciones/correo/admin.ts';

let rt: Runtime;
let demo: DemoTenant;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-eventos-'));
  rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir }), { log: pino({ level: 'silent' }) });
  demo = (await ensureDemoTenant(rt.deps)).tenant;
});
after(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The object with every call of the named methods counted. */
function counted<T extends object>(target: T, names: Array<keyof T>): { it: T; calls: Map<keyof T, number> } {
  const calls = new Map<keyof T, number>(names.map((n) => [n, 0]));
  const it = new Proxy(target, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (calls.has(k as keyof T)) calls.set(k as keyof T, calls.get(k as keyof T)! + 1);
        return v.apply(t, args);
      };
    },
  });
  return { it, calls };
}

/** A notifier whose reads of the peticion and of the e-mail deliveries are counted. */
function countingNotifier() {
  const store = counted(rt.store, ['getPeticion']);
  const notificaciones = counted(rt.notificaciones.notificaciones, ['listEntregas', 'suscripciones']);
  const notifier = createNotifier({ ...rt.notificaciones, store: store.it, notificaciones: notificaciones.it });
  return {
    notifier,
    getPeticion: () => store.calls.get('getPeticion'),
    listEntregas: () => notificaciones.calls.get('listEntregas'),
    suscripciones: () => notificaciones.calls.get('suscripciones'),
  };
}

/** Submits a document and runs the pipeline as the worker does: the ended peticion comes back. */
async function run(doc: string) {
  const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: doc });
  const id = rt.deps.ids.decode('peticion', idPeticion)!;
  const out: Terminada = {};
  const outcome = await processPeticion(rt.deps, newCaches(), id, out);
  return { id, idPeticion, outcome, ended: out.peticion };
}

/** The demo document with a record 09 before its trailer (the trailer counts it). */
function with09(record: string): string {
  const lines = DEMO_DOCUMENT.split('\n');
  const n = Number(/\|99\|(\d+)\|/.exec(lines.pop()!)![1]) + 1;
  return [...lines, record, `|99|${n}|`].join('\n');
}

const entregasDe = (cfdiId: number) => rt.notificaciones.notificaciones.listEntregas({ cfdiId, limit: 10 });

describe('the ended peticion handed to the notifier', () => {
  test('nobody to notify: no read of the peticion nor of the subscriptions; without it handed over, one of the peticion', async () => {
    const r = await run(DEMO_DOCUMENT);
    assert.equal(r.outcome, 'done');
    const stored = (await rt.store.getPeticion(r.id))!;
    assert.deepEqual(r.ended, { id: r.id, empresaId: stored.empresaId, tipoId: stored.tipoId, stage: 'done', printed: stored.printed, suscripciones: false });
    const c = countingNotifier();
    await notifyEnded({ notifier: c.notifier }, r.id, r.ended);
    assert.equal(c.getPeticion(), 0);
    assert.equal(c.suscripciones(), 0, 'nobody was subscribed when it was accepted');
    await notifyEnded({ notifier: c.notifier }, r.id);
    assert.equal(c.getPeticion(), 1, 'the no-argument path (retries, cancellation, final failure) reads it');
    assert.equal(c.suscripciones(), 0);
    assert.equal(await rt.notificaciones.notificaciones.eventoExiste(`peticion:${r.id}`), false);
  });

  test('record 09 handed over: the e-mail is queued; a webhook event carries the stored errors', async () => {
    const c = countingNotifier();
    const mail = await run(with09('|09|URE180429TM6|pagos@robotica.example|Factura|Gracias|1|'));
    assert.equal(mail.outcome, 'done');
    assert.ok(mail.ended?.printed?.envio, 'the printed data of record 09 is handed over');
    await notifyEnded({ notifier: c.notifier }, mail.id, mail.ended);
    const cfdiId = (await rt.store.getPeticion(mail.id))!.cfdiId!;
    assert.deepEqual((await entregasDe(cfdiId)).map((e) => [e.canal, e.destino]), [['correo', 'pagos@robotica.example']]);

    const empresa = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!;
    const hook = await rt.notificaciones.notificaciones.createWebhook({ publicId: randomUUID(), empresaId: empresa.id, url: 'https://x.example/h',
      eventos: ['peticion.error'], secretSealed: Buffer.from('s'), createdAt: new Date().toISOString() });
    try {
      const bad = await run(DEMO_DOCUMENT.replace('|05|LAP-HB||12|', '|05|LAP-HB||doce|'));
      assert.equal(bad.outcome, 'error');
      assert.deepEqual(bad.ended?.stage, 'error');
      await notifyEnded({ notifier: c.notifier }, bad.id, bad.ended);
      const stored = (await rt.store.getPeticion(bad.id))!;
      const [e] = await rt.notificaciones.notificaciones.listEntregas({ webhookId: hook.id, limit: 1 });
      const payload = JSON.parse((await rt.notificaciones.notificaciones.getEventoById(e.eventoId!))!.payload);
      assert.deepEqual([payload.tipoEvento, payload.idPeticion, payload.errors], ['peticion.error', bad.idPeticion, stored.errors]);
      assert.ok(stored.errors?.length);
    } finally {
      await rt.notificaciones.notificaciones.removeWebhook(empresa.id, hook.publicId, new Date().toISOString());
    }
  });
});

describe('subscriptions apply to the requests accepted after them', () => {
  test('a webhook registered while a request waits in the queue: not read, not notified; one accepted after it is', async () => {
    const c = countingNotifier();
    const bad = DEMO_DOCUMENT.replace('|05|LAP-HB||12|', '|05|LAP-HB||doce|');
    const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: bad });
    const antes = rt.deps.ids.decode('peticion', idPeticion)!;
    const empresa = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!;
    const hook = await rt.notificaciones.notificaciones.createWebhook({ publicId: randomUUID(), empresaId: empresa.id, url: 'https://x.example/h2',
      eventos: ['peticion.error'], secretSealed: Buffer.from('s'), createdAt: new Date().toISOString() });
    try {
      const out: Terminada = {};
      assert.equal(await processPeticion(rt.deps, newCaches(), antes, out), 'error');
      await notifyEnded({ notifier: c.notifier }, antes, out.peticion);
      assert.equal(c.suscripciones(), 0);
      assert.equal(await rt.notificaciones.notificaciones.eventoExiste(`peticion:${antes}`), false);

      const despues = await run(bad);
      assert.equal(despues.ended?.suscripciones, true);
      await notifyEnded({ notifier: c.notifier }, despues.id, despues.ended);
      assert.equal(c.suscripciones(), 1);
      assert.equal(await rt.notificaciones.notificaciones.eventoExiste(`peticion:${despues.id}`), true);

      // A request accepted before the column existed (NULL): the subscriptions are read, as before.
      const viejo = await run(bad);
      await notifyEnded({ notifier: c.notifier }, viejo.id, { ...viejo.ended!, suscripciones: undefined });
      assert.equal(c.suscripciones(), 2);
      assert.equal(await rt.notificaciones.notificaciones.eventoExiste(`peticion:${viejo.id}`), true);
    } finally {
      await rt.notificaciones.notificaciones.removeWebhook(empresa.id, hook.publicId, new Date().toISOString());
    }
  });
});

describe("the GET's e-mails", () => {
  test('read only when the CFDI has some: none at first, the one re-sent afterwards', async () => {
    const c = countingNotifier();
    const r = await run(DEMO_DOCUMENT);
    await notifyEnded({ notifier: c.notifier }, r.id, r.ended);
    const get = async () => {
      const a = await queryPeticion(rt.deps, demo.keyEmpresa, r.idPeticion);
      assert.equal(a.status, 200);
      return c.notifier.camposConsulta(a.body, a.tieneCorreos);
    };
    assert.deepEqual(await get(), {});
    assert.equal(c.listEntregas(), 0, 'no deliveries read for a CFDI without e-mails');
    const cfdiId = (await rt.store.getPeticion(r.id))!.cfdiId!;
    await reenviarCorreo(rt.notificaciones, cfdiId, ['otra@robotica.example']);
    const campos = (await get()) as { correos?: Array<{ para: string[]; estado: string }> };
    assert.deepEqual(campos.correos?.map((x) => [x.para, x.estado]), [[['otra@robotica.example'], 'PENDIENTE']]);
  });
});
