/**
 * `cfdi-async pac set|show` and `cfdi-async sat estado` as an operator runs them: real
 * processes on a temp data dir, the SW and SAT doubles on loopback. Secrets never shown,
 * never in the database in clear; the configured PAC is the one that stamps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime } from '../../src/main/runtime.ts';
import { DEMO_DOCUMENT, ensureDemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import { startSwDouble, type SwDouble } from '../doubles/sw-double.ts';
import { startSatEstadoDouble, type SatEstadoDouble } from '../doubles/sat-estado-double.ts';
import { runCli } from './run-cli.ts';

const PASSWORD = 'clave-sw-ñ&<>';
let dir: string;
let sw: SwDouble;
let sat: SatEstadoDouble;

function cli(args: string[]) {
  return runCli(dir, args, { CFDI_SAT_ESTADO_URL: sat.url });
}

const databaseBytes = () => Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('cfdi.sqlite')).map((f) => readFileSync(join(dir, f))));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-cli-pacs-'));
  [sw, sat] = await Promise.all([startSwDouble(), startSatEstadoDouble()]);
  assert.equal((await cli(['demo', '--json'])).code, 0);
});
after(async () => {
  await Promise.all([sw.close(), sat.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('cfdi-async pac', () => {
  test('a new empresa uses prueba; set sw in produccion; show never prints the secret; it is not stored in clear', async () => {
    const first = JSON.parse((await cli(['pac', 'show', '--empresa', 'EKU9003173C9', '--json'])).stdout);
    assert.deepEqual({ proveedor: first.proveedor, ambiente: first.ambiente, produccion: first.produccion }, { proveedor: 'prueba', ambiente: 'pruebas', produccion: false });
    writeFileSync(join(dir, 'pw.txt'), `${PASSWORD}\n`);
    const set = await cli(['pac', 'set', '--empresa', 'EKU9003173C9', '--proveedor', 'sw', '--ambiente', 'produccion', '--url', sw.url,
      '--url-api', sw.urlApi, '--usuario', 'demo@cfdi-async.test', '--password-file', join(dir, 'pw.txt'), '--json']);
    assert.equal(set.code, 0, set.stderr);
    const shown = await cli(['pac', 'show', '--empresa', 'EKU9003173C9', '--json']);
    const v = JSON.parse(shown.stdout);
    assert.deepEqual({ ...v, actualizado: undefined }, { empresa: 'EKU9003173C9', proveedor: 'sw', ambiente: 'produccion', url: sw.url, urlApi: sw.urlApi,
      usuario: 'demo@cfdi-async.test', password: 'configurada', token: 'no configurado', produccion: true, actualizado: undefined });
    for (const out of [set.stdout, set.stderr, shown.stdout]) assert.ok(!out.includes(PASSWORD));
    assert.ok(!databaseBytes().includes(Buffer.from(PASSWORD, 'utf8')), 'the password is not stored in clear');
    // Changing one option keeps the others.
    assert.equal((await cli(['pac', 'set', '--empresa', 'EKU9003173C9', '--proveedor', 'sw', '--usuario', 'demo@cfdi-async.test'])).code, 0);
    assert.equal(JSON.parse((await cli(['pac', 'show', '--empresa', 'EKU9003173C9', '--json'])).stdout).password, 'configurada');
  });

  test('the official host is the default for the ambiente', async () => {
    assert.equal((await cli(['empresa', 'create', '--rfc', 'IIA040805DZ4', '--nombre', 'INDISTRIA', '--regimen', '601'])).code, 0);
    writeFileSync(join(dir, 'fk.txt'), 'x');
    assert.equal((await cli(['pac', 'set', '--empresa', 'IIA040805DZ4', '--proveedor', 'finkok', '--usuario', 'u', '--password-file', join(dir, 'fk.txt')])).code, 0);
    assert.equal(JSON.parse((await cli(['pac', 'show', '--empresa', 'IIA040805DZ4', '--json'])).stdout).url, 'https://demo-facturacion.finkok.com');
    assert.equal((await cli(['pac', 'set', '--empresa', 'IIA040805DZ4', '--proveedor', 'finkok', '--ambiente', 'produccion'])).code, 0);
    assert.equal(JSON.parse((await cli(['pac', 'show', '--empresa', 'IIA040805DZ4', '--json'])).stdout).url, 'https://facturacion.finkok.com');
  });

  test('specific errors: missing credentials, options of another PAC, prueba in produccion, bad URL', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--proveedor', 'finkok'], /finkok necesita --usuario y --password-file/],
      [['--proveedor', 'finkok', '--url-api', 'https://x.mx'], /--url-api es solo para sw/],
      [['--proveedor', 'prueba', '--ambiente', 'produccion'], /el PAC de prueba no timbra en produccion/],
      [['--proveedor', 'sw', '--url', 'ftp://x'], /--url debe ser http\(s\)/],
      [['--proveedor', 'otro'], /Allowed choices are prueba, sw, finkok/],
    ];
    assert.equal((await cli(['empresa', 'create', '--rfc', 'AAA010101AAA', '--nombre', 'OTRA', '--regimen', '601'])).code, 0);
    for (const [args, re] of cases) {
      const r = await cli(['pac', 'set', '--empresa', 'AAA010101AAA', ...args]);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, re);
    }
  });
});

describe('cfdi-async sat estado', () => {
  test("answers the SAT's status of a CFDI stamped by the configured PAC", async () => {
    const rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir }), { log: pino({ level: 'silent' }) });
    let uuid: string;
    try {
      const demo = (await ensureDemoTenant(rt.deps)).tenant;
      const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: DEMO_DOCUMENT });
      assert.equal(await processPeticion(rt.deps, newCaches(), rt.deps.ids.decode('peticion', idPeticion)!), 'done');
      uuid = (await rt.store.getPeticion(rt.deps.ids.decode('peticion', idPeticion)!))!.uuid!;
    } finally {
      await rt.close();
    }
    assert.ok(sw.core.porUuid(uuid), 'stamped by the SW double configured with pac set');
    sat.cfdis.set(uuid, { estado: { codigoEstatus: 'S - Comprobante obtenido satisfactoriamente.', estado: 'Vigente', esCancelable: 'Cancelable con aceptación', estatusCancelacion: '' } });
    const r = await cli(['sat', 'estado', '--uuid', uuid, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { estado: 'Vigente', esCancelable: 'Cancelable con aceptación', estatusCancelacion: '', codigoEstatus: 'S - Comprobante obtenido satisfactoriamente.' });
    const none = await cli(['sat', 'estado', '--uuid', '00000000-0000-4000-8000-000000000000']);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /no stored CFDI has UUID/);
    assert.deepEqual([...sw.violaciones, ...sat.violaciones], []);
  });
});
