/**
 * Cancellation end to end over HTTP: stamp → cancel → GET → ACUSE download, for an
 * immediate cancellation, a pending one accepted and one rejected by the receptor (the
 * test PAC's CLI), motivo 01 with a real replacement issued by the service, repeats,
 * foreign empresas and malformed calls.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { documento, emitir, eventually, startHarness, type Harness } from './harness.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmpresa } from '../../src/invoicing/tenants.ts';
import { readZip } from '../e2e/zip.ts';
import { PacError, type Cancelador } from '../../src/stamping/cancelador.ts';
import { skipOrFail } from '../conformance/oracle.ts';

const DAY = 86_400_000;
let h: Harness;
before(async () => {
  // Stamped five days ago: past "the business day after issue", so amounts decide.
  h = await startHarness({ offsetMs: 5 * DAY });
});
after(async () => h?.close());

const cancelar = (body: unknown, key = h.demo.keyEmpresa) => h.http('POST', `/${key}/cfdis/cancelar`, body);
const get = (idPeticion: string) => h.http('GET', `/${h.demo.keyEmpresa}/cfdis/${idPeticion}`).then((r) => r.json());
const SEED_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/;

function cli(args: string[]): { out: string; code: number } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bin/cfdi-async.js', ...args], {
      cwd: new URL('../../', import.meta.url).pathname, env: { ...process.env, ...h.env }, encoding: 'utf8',
    });
    return { out, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; status: number };
    return { out: x.stdout + x.stderr, code: x.status };
  }
}

describe('cancellation over HTTP', () => {
  let small: { idPeticion: string; body: any };
  let big1: { idPeticion: string; body: any };
  let big2: { idPeticion: string; body: any };
  let big3: { idPeticion: string; body: any };
  let small2: { idPeticion: string; body: any };
  let big4: { idPeticion: string; body: any };

  before(async () => {
    small = await emitir(h, documento('C-1', { importe: '500.00' }));
    big1 = await emitir(h, documento('C-2', { importe: '15000.00' }));
    big2 = await emitir(h, documento('C-3', { importe: '15000.00' }));
    big3 = await emitir(h, documento('C-4', { importe: '15000.00' }));
    small2 = await emitir(h, documento('C-5', { importe: '100.00' }));
    big4 = await emitir(h, documento('C-6', { importe: '15000.00' }));
    h.offset.ms = 0; // now: the service and the CLI share the real clock
  });

  test('immediate: ≤ $1,000 is cancelled at once; GET says CANCELADO with fechaCancelacion; the acuse is downloadable', async () => {
    // Never cancelled: no acuse.
    assert.equal((await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${small.body.uuid}&representacion=ACUSE`)).status, 204);
    const r = await cancelar({ motivo: '02', folioSustitucion: '', uuid: [small.body.uuid] });
    assert.equal(r.status, 200, r.body.toString());
    assert.deepEqual(r.json().map((x: any) => [x.uuid, x.status]), [[small.body.uuid, '201']]);
    const g = await get(small.idPeticion);
    assert.equal(g.status, 'CANCELADO');
    assert.match(g.fechaCancelacion, SEED_DATE);
    const acuse = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${small.body.uuid}&representacion=ACUSE`);
    assert.equal(acuse.status, 200);
    assert.match(acuse.body.toString(), new RegExp(`<UUID>${small.body.uuid}</UUID><EstatusUUID>201</EstatusUUID>`));
    // Repeating returns the recorded answer; nothing new is asked.
    const again = await cancelar({ motivo: '02', uuid: [small.body.uuid] });
    assert.deepEqual(again.json(), r.json());
    const acuse2 = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${small.body.uuid}&representacion=ACUSE`);
    assert.deepEqual(acuse2.body, acuse.body, 'the acuse stored is the first one received');
    // The family's synchronous download serves it too, in a ZIP.
    const zip = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdi?uuid=${small.body.uuid}&representacion=ACUSE`);
    assert.equal(zip.status, 200);
    const files = readZip(zip.body);
    assert.deepEqual([...files.keys()].map((n) => n.endsWith('-acuse.xml')), [true]);
    assert.deepEqual([...files.values()][0], acuse.body);
  });

  test('pending → accepted by the receptor (test-pac CLI) → the background job marks it CANCELADO', async () => {
    const r = await cancelar({ motivo: '03', folioSustitucion: '', uuid: [big1.body.uuid] });
    assert.equal(r.json()[0].status, '201');
    assert.match(r.json()[0].mensaje, /aceptación del receptor/);
    assert.equal((await get(big1.idPeticion)).status, 'CANCELACION_EN_PROCESO');
    assert.equal((await get(big1.idPeticion)).fechaCancelacion, '');
    const c = cli(['test-pac', 'receptor', 'aceptar', '--uuid', big1.body.uuid, '--json']);
    assert.equal(c.code, 0, c.out);
    assert.equal(JSON.parse(c.out).estatusCancelacion, 'Cancelado con aceptación');
    const g = await eventually('CANCELADO', async () => { const x = await get(big1.idPeticion); return x.status === 'CANCELADO' && x; });
    assert.match(g.fechaCancelacion, SEED_DATE);
    // The notifier heard each state once: waiting, then cancelled with the receptor's acceptance.
    const empresa = (await h.rt.store.getEmpresaByKey(h.demo.keyEmpresa))!;
    const cfdiId = (await h.rt.store.getCfdiByUuid(empresa.id, big1.body.uuid))!.id;
    const mine = h.cambios.filter((c) => c.cfdiId === cfdiId).map((c) => [c.estado, c.estatusCancelacion, c.motivo]);
    assert.deepEqual([...new Map(mine.map((x) => [JSON.stringify(x), x])).values()], [['Vigente', 'En proceso', '03'], ['Cancelado', 'Cancelado con aceptación', '03']]);
  });

  test('pending → rejected by the receptor → CANCELACION_RECHAZADA, and a new request may follow', async () => {
    const r = await cancelar({ motivo: '02', uuid: [big2.body.uuid] });
    assert.equal(r.json()[0].status, '201');
    const c = cli(['test-pac', 'receptor', 'rechazar', '--uuid', big2.body.uuid]);
    assert.equal(c.code, 0, c.out);
    const g = await eventually('CANCELACION_RECHAZADA', async () => { const x = await get(big2.idPeticion); return x.status === 'CANCELACION_RECHAZADA' && x; });
    assert.equal(g.fechaCancelacion, '');
    // After a rejection the emisor may ask again — here from the command line: a new request, pending again.
    const again = cli(['cancelar', '--empresa', h.demo.keyEmpresa, '--uuid', big2.body.uuid, '--motivo', '02', '--json']);
    assert.equal(again.code, 0, again.out);
    assert.equal(JSON.parse(again.out)[0].status, '201');
    const refused = cli(['cancelar', '--empresa', 'EKU9003173C9', '--uuid', '00000000-0000-4000-8000-000000000000', '--motivo', '02']);
    assert.equal(refused.code, 2, 'a refusal sets the exit code');
    assert.match(refused.out, /CAN_UUID_DESCONOCIDO/);
    assert.equal((await get(big2.idPeticion)).status, 'CANCELACION_EN_PROCESO');
  });

  test('motivo 01 with a real replacement issued by the service (CfdiRelacionados 04)', async () => {
    // No replacement yet: 01 names a CFDI that does not relate it.
    const wrong = await cancelar({ motivo: '01', folioSustitucion: small2.body.uuid, uuid: [big3.body.uuid] });
    assert.equal(wrong.json()[0].status, 'CAN_FOLIO_SUSTITUCION');
    assert.match(wrong.json()[0].mensaje, /TipoRelacion 04/);
    const repl = await emitir(h, documento('R-4', { importe: '15000.00', relacion: { tipo: '04', uuid: big3.body.uuid } }));
    // The live replacement relates it: any motivo but 01 naming that replacement is refused.
    const blocked = await cancelar({ motivo: '02', uuid: [big3.body.uuid] });
    assert.equal(blocked.json()[0].status, 'CAN_RELACIONADOS_VIVOS');
    assert.match(blocked.json()[0].mensaje, new RegExp(repl.body.uuid));
    assert.equal((await get(big3.idPeticion)).status, 'ALMACENADO', 'a refusal before asking changes nothing');
    const ok = await cancelar({ motivo: '01', folioSustitucion: repl.body.uuid.toLowerCase(), uuid: [big3.body.uuid] });
    assert.equal(ok.json()[0].status, '201', ok.body.toString());
    const acuse = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${big3.body.uuid}&representacion=ACUSE`);
    assert.equal(acuse.status, 200);
    // The replacement can no longer be the replacement of anything cancelled twice: a repeat answers the record.
    const again = await cancelar({ motivo: '01', folioSustitucion: repl.body.uuid, uuid: [big3.body.uuid] });
    assert.deepEqual(again.json(), ok.json());
  });

  test('refusals before asking: foreign or unknown UUID, bad motivo, folioSustitucion without 01 — nothing changes', async () => {
    const other = await createEmpresa(h.rt.deps, { rfc: 'AAA010101AAA', nombre: 'OTRA EMPRESA', regimenFiscal: '601' });
    const foreign = await cancelar({ motivo: '02', uuid: [small2.body.uuid] }, other.key);
    assert.equal(foreign.status, 200);
    assert.equal(foreign.json()[0].status, 'CAN_UUID_DESCONOCIDO');
    assert.equal((await get(small2.idPeticion)).status, 'ALMACENADO');
    const r = await cancelar({ motivo: '05', uuid: [small2.body.uuid, 'no-es-uuid', '00000000-0000-4000-8000-000000000000'] });
    assert.deepEqual(r.json().map((x: any) => x.status), ['CAN_MOTIVO', 'CAN_UUID_DESCONOCIDO', 'CAN_UUID_DESCONOCIDO']);
    const f = await cancelar({ motivo: '02', folioSustitucion: big1.body.uuid, uuid: [small2.body.uuid] });
    assert.equal(f.json()[0].status, 'CAN_MOTIVO');
    assert.match(f.json()[0].mensaje, /SAT 209/);
    assert.equal((await get(small2.idPeticion)).status, 'ALMACENADO');
  });

  test('401 for an unknown keyEmpresa, 400 for a malformed body, in the seed\'s error shape', async () => {
    const u = await cancelar({ motivo: '02', uuid: [small2.body.uuid] }, '00000000-0000-0000-0000-000000000000');
    assert.equal(u.status, 401);
    assert.match(u.json().errors[0], /API_EMPRESA_DESCONOCIDA/);
    for (const body of [{ motivo: '02' }, { motivo: 2, uuid: [small2.body.uuid] }, { motivo: '02', uuid: [] }, { motivo: '02', uuid: [7] }, [], 'null']) {
      const b = await cancelar(body);
      assert.equal(b.status, 400, JSON.stringify(body));
      assert.match(b.json().errors[0], /CAN_CUERPO_INVALIDO/);
    }
    const notJson = await h.http('POST', `/${h.demo.keyEmpresa}/cfdis/cancelar`, '{"motivo":');
    assert.equal(notJson.status, 400);
    // The call is in the OpenAPI description, and so are the new GET statuses and ACUSE.
    const doc = (await h.http('GET', '/docs/json')).json();
    const post = doc.paths['/{keyEmpresa}/cfdis/cancelar']?.post;
    assert.deepEqual(post.requestBody.content['application/json'].schema.properties.motivo.enum, ['01', '02', '03', '04']);
    assert.ok(post.responses['200'] && post.responses['400'] && post.responses['401']);
    const get200 = doc.paths['/{keyEmpresa}/cfdis/{idPeticion}'].get.responses['200'].content['application/json'].schema;
    assert.ok(get200.properties.status.enum.includes('CANCELADO'));
    assert.ok(JSON.stringify(doc.paths['/{keyEmpresa}/descargasCfdiAsync'].get.parameters).includes('ACUSE'));
  });

  test('the SAT refuses (205) or the PAC refuses the request: recorded, the CFDI stays ALMACENADO, a later call asks again', async () => {
    const doc = await emitir(h, documento('S-1', { importe: '300.00' }));
    const real = h.rt.cancelacion.cancelador;
    const answers: Array<() => Promise<any>> = [
      async () => ({ codigo: '205', mensaje: 'UUID no existe' }),
      async () => { throw new PacError('711', 'Error con el certificado al cancelar', false); },
    ];
    let calls = 0;
    (h.rt.cancelacion as { cancelador: Cancelador }).cancelador = { cancelar: async (s) => (calls++ < answers.length ? answers[calls - 1]() : real.cancelar(s)) };
    try {
      const a = await cancelar({ motivo: '02', uuid: [doc.body.uuid] });
      assert.deepEqual([a.json()[0].status, a.json()[0].mensaje], ['205', 'UUID no existe']);
      assert.equal((await get(doc.idPeticion)).status, 'ALMACENADO');
      const b = await cancelar({ motivo: '02', uuid: [doc.body.uuid] });
      assert.equal(b.json()[0].status, 'CAN_PAC_RECHAZO');
      assert.match(b.json()[0].mensaje, /711/);
      assert.equal((await get(doc.idPeticion)).status, 'ALMACENADO');
      const c = await cancelar({ motivo: '02', uuid: [doc.body.uuid] });
      assert.equal(c.json()[0].status, '201');
      assert.equal(calls, 3, 'each call after a refusal asked again');
      assert.equal((await get(doc.idPeticion)).status, 'CANCELADO');
    } finally {
      (h.rt.cancelacion as { cancelador: Cancelador }).cancelador = real;
    }
  });

  test("the receptor's silence: 72 hours later the follow-up job sees Plazo vencido and marks it CANCELADO", async () => {
    const r = await cancelar({ motivo: '02', uuid: [big4.body.uuid] });
    assert.equal(r.json()[0].status, '201');
    try {
      h.offset.ms = -(71 * 3_600_000); // 71 hours later: still waiting
      await new Promise((res) => setTimeout(res, 400));
      assert.equal((await get(big4.idPeticion)).status, 'CANCELACION_EN_PROCESO');
      h.offset.ms = -(72 * 3_600_000 + 60_000);
      const g = await eventually('CANCELADO', async () => { const x = await get(big4.idPeticion); return x.status === 'CANCELADO' && x; });
      assert.match(g.fechaCancelacion, SEED_DATE);
      const rec = (await h.rt.cancelacion.cancelaciones.ultima((await h.rt.store.getCfdiByUuid((await h.rt.store.getEmpresaByKey(h.demo.keyEmpresa))!.id, big4.body.uuid))!.id))!;
      assert.equal(rec.estatusSat, 'Plazo vencido');
    } finally {
      h.offset.ms = 0;
    }
  });

  test('a notifier that fails does not fail the call: the follow-up job notifies again', async () => {
    const doc = await emitir(h, documento('N-1', { importe: '150.00' }));
    const wrapped = h.rt.cancelacion.notifier!;
    let failures = 0;
    h.rt.cancelacion.notifier = {
      ...wrapped,
      cancelacionCambiada: async (c) => {
        if (failures++ === 0) throw new Error('database hiccup');
        await wrapped.cancelacionCambiada(c);
      },
    };
    try {
      const r = await cancelar({ motivo: '02', uuid: [doc.body.uuid] });
      assert.equal(r.json()[0].status, '201');
      assert.equal((await get(doc.idPeticion)).status, 'CANCELADO');
      const empresa = (await h.rt.store.getEmpresaByKey(h.demo.keyEmpresa))!;
      const cfdiId = (await h.rt.store.getCfdiByUuid(empresa.id, doc.body.uuid))!.id;
      await eventually('the notification', async () => h.cambios.some((c) => c.cfdiId === cfdiId && c.estado === 'Cancelado'));
      assert.equal(failures, 2);
      await eventually('effects done', async () => (await h.rt.cancelacion.cancelaciones.ultima(cfdiId))?.efectosPendientes === false);
    } finally {
      h.rt.cancelacion.notifier = wrapped;
    }
  });

  test('a PAC timeout: CAN_EN_CURSO, the same signed request is sent again in the background, cancelled once', async () => {
    const real = h.rt.cancelacion.cancelador;
    const sent: string[] = [];
    let first = true;
    let open!: () => void;
    const gate = new Promise<void>((r) => { open = r; });
    const flaky: Cancelador = {
      async cancelar(s) {
        sent.push(s.xmlFirmado);
        if (first) {
          first = false;
          // The request reaches the SAT, but its answer comes after the caller gave up.
          await new Promise((r) => setTimeout(r, h.rt.cancelacion.settings.pacTimeoutMs + 300));
        } else {
          await gate; // resends wait until the test has looked at the state in between
        }
        return real.cancelar(s);
      },
    };
    (h.rt.cancelacion as { cancelador: Cancelador }).cancelador = flaky;
    try {
      const r = await cancelar({ motivo: '03', uuid: [small2.body.uuid] });
      assert.equal(r.json()[0].status, 'CAN_EN_CURSO');
      assert.equal((await get(small2.idPeticion)).status, 'CANCELACION_EN_PROCESO');
      open();
      const g = await eventually('CANCELADO', async () => { const x = await get(small2.idPeticion); return x.status === 'CANCELADO' && x; });
      assert.match(g.fechaCancelacion, SEED_DATE);
      assert.ok(sent.length >= 2, 'sent again');
      assert.ok(sent.every((x) => x === sent[0]), 'every attempt carried the same signed bytes');
      // A repeat answers what was recorded (201 or 202, whichever copy the SAT saw first) and asks nothing.
      const count = sent.length;
      const again = await cancelar({ motivo: '03', uuid: [small2.body.uuid] });
      assert.ok(['201', '202'].includes(again.json()[0].status), again.body.toString());
      assert.equal(sent.length, count, 'no new request');
    } finally {
      open();
      (h.rt.cancelacion as { cancelador: Cancelador }).cancelador = real;
    }
  });
});

/** Text of a PDF through poppler's pdftotext (the oracle), or undefined when it is not installed. */
function pdfText(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const r = spawnSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    return r.error ? undefined : r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function zipEntries(zip: Buffer): string[] | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'zip-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zip);
    const r = spawnSync('unzip', ['-Z1', join(dir, 'a.zip')], { encoding: 'utf8' });
    return r.error ? undefined : r.stdout.trim().split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('evidence of a cancelled CFDI', () => {
  test('its PDF says CANCELADO on every page; the ZIP carries the acuse beside XML and PDF', async (t) => {
    const doc = await emitir(h, documento('E-1', { importe: '200.00' }));
    const pdfBefore = (await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${doc.body.uuid}&representacion=PDF`)).body;
    const r = await cancelar({ motivo: '02', uuid: [doc.body.uuid] });
    assert.equal(r.json()[0].status, '201');
    const pdf = (await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${doc.body.uuid}&representacion=PDF`)).body;
    assert.notDeepEqual(pdf, pdfBefore);
    const text = pdfText(pdf);
    if (text === undefined) return skipOrFail(t, 'pdftotext is not installed (poppler-utils)');
    assert.match(text, /CFDI CANCELADO ANTE EL SAT EL \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    assert.doesNotMatch(pdfText(pdfBefore)!, /CANCELADO/);
    const zip = await h.http('GET', `/${h.demo.keyEmpresa}/descargasCfdiAsync?uuid=${doc.body.uuid}&representacion=XML_PDF`);
    const names = zipEntries(zip.body);
    if (names === undefined) return skipOrFail(t, 'unzip is not installed');
    assert.deepEqual(names.sort(), [`${doc.body.serie}-${doc.body.folio}-acuse.xml`, `${doc.body.serie}-${doc.body.folio}.pdf`, `${doc.body.serie}-${doc.body.folio}.xml`].sort());
  });
});
