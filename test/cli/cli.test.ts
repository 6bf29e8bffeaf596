/**
 * The `cfdi-async` executable as an operator runs it: a real process on a temp data dir.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestCsd } from '../../src/sealing/test-csd.ts';
import { runCli } from './run-cli.ts';

let dir: string;

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  return runCli(dir, args, extraEnv);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('cfdi-async', () => {
  test('demo --json creates the demo tenant once and prints its ids', async () => {
    const a = await cli(['demo', '--json']);
    assert.equal(a.code, 0, a.stderr);
    const first = JSON.parse(a.stdout);
    assert.match(first.keyEmpresa, /^[0-9a-f-]{36}$/);
    assert.match(first.idTipoCfd, /^[0-9a-f]{32}$/);
    assert.match(first.idSucursal, /^[0-9a-f]{32}$/);
    assert.equal(first.created, true);
    const second = JSON.parse((await cli(['demo', '--json'])).stdout);
    assert.equal(second.created, false);
    assert.equal(second.keyEmpresa, first.keyEmpresa);
  });

  test('empresa, csd, sucursal and tipo: create and list, with specific errors', async () => {
    const e = JSON.parse((await cli(['empresa', 'create', '--rfc', 'IIA040805DZ4', '--nombre', 'INDISTRIA ILUMINADORA DE ALMACENES', '--regimen', '601', '--json'])).stdout);
    assert.equal(e.rfc, 'IIA040805DZ4');
    const dup = await cli(['empresa', 'create', '--rfc', 'IIA040805DZ4', '--nombre', 'X', '--regimen', '601']);
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /exists already/);
    const list = JSON.parse((await cli(['empresa', 'list', '--json'])).stdout);
    assert.ok(list.some((x: { rfc: string }) => x.rfc === 'IIA040805DZ4'));

    const { cer, key } = await generateTestCsd({ rfc: 'IIA040805DZ4', nombre: 'INDISTRIA ILUMINADORA DE ALMACENES SA DE CV', password: 'secreta123' });
    writeFileSync(join(dir, 'c.cer'), cer);
    writeFileSync(join(dir, 'c.key'), key);
    writeFileSync(join(dir, 'pass.txt'), 'secreta123\n');
    const wrong = await cli(['csd', 'import', '--empresa', 'IIA040805DZ4', '--cer', join(dir, 'c.cer'), '--key', join(dir, 'c.key'), '--password', 'otra']);
    assert.notEqual(wrong.code, 0);
    assert.doesNotMatch(wrong.stderr + wrong.stdout, /otra/, 'the password is never echoed');
    const ok = await cli(['csd', 'import', '--empresa', e.keyEmpresa, '--cer', join(dir, 'c.cer'), '--key', join(dir, 'c.key'), '--password-file', join(dir, 'pass.txt'), '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(JSON.parse(ok.stdout).noCertificado, /^\d{20}$/);

    const demo = JSON.parse((await cli(['demo', '--json'])).stdout);
    const otherRfc = await cli(['csd', 'import', '--empresa', demo.keyEmpresa, '--cer', join(dir, 'c.cer'), '--key', join(dir, 'c.key'), '--password-file', join(dir, 'pass.txt')]);
    assert.notEqual(otherRfc.code, 0, 'a CSD of another RFC is refused');

    const s = JSON.parse((await cli(['sucursal', 'create', '--empresa', 'IIA040805DZ4', '--nombre', 'Norte', '--cp', '62661', '--json'])).stdout);
    assert.match(s.idSucursal, /^[0-9a-f]{32}$/);
    assert.notEqual((await cli(['sucursal', 'create', '--empresa', 'IIA040805DZ4', '--nombre', 'Mal', '--cp', '6266'])).code, 0);
    const t = JSON.parse((await cli(['tipo', 'create', '--empresa', 'IIA040805DZ4', '--codigo', 'NC', '--nombre', 'Nota de crédito', '--tipo-comprobante', 'E', '--serie', 'NC', '--folio', '100', '--json'])).stdout);
    assert.equal(t.nextFolio, 100);
    const tipos = JSON.parse((await cli(['tipo', 'list', '--empresa', 'IIA040805DZ4', '--json'])).stdout);
    assert.deepEqual(tipos.map((x: { codigo: string; tipoDeComprobante: string }) => [x.codigo, x.tipoDeComprobante]), [['NC', 'E']]);
  });

  test('validate: our stamped CFDI passes every rule, Sello and SelloSAT; a tampered one fails with exit code 1', async () => {
    const { openRuntime } = await import('../../src/main/runtime.ts');
    const { loadConfig } = await import('../../src/config/config.ts');
    const { ensureDemoTenant, DEMO_DOCUMENT } = await import('../../src/invoicing/demo.ts');
    const { submitPeticion } = await import('../../src/invoicing/submit.ts');
    const { processPeticion, newCaches } = await import('../../src/invoicing/process.ts');
    const rt = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir, CFDI_LOG_LEVEL: 'silent' }));
    let xml: string;
    try {
      const { tenant } = await ensureDemoTenant(rt.deps);
      const { idPeticion } = await submitPeticion(rt.deps, tenant.keyEmpresa, { idTipoCfd: tenant.idTipoCfd, idSucursal: tenant.idSucursal, archivoFuente: DEMO_DOCUMENT });
      const id = rt.deps.ids.decode('peticion', idPeticion)!;
      assert.equal(await processPeticion(rt.deps, newCaches(), id), 'done');
      xml = (await rt.store.getCfdiXml((await rt.store.getPeticion(id))!.cfdiId!))!;
    } finally {
      await rt.close();
    }
    writeFileSync(join(dir, 'ok.xml'), xml);
    writeFileSync(join(dir, 'bad.xml'), xml.replace('Total="1886.16"', 'Total="1886.17"'));
    const ok = await cli(['validate', join(dir, 'ok.xml'), '--json']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const okJson = JSON.parse(ok.stdout);
    assert.equal(okJson.valid, true);
    assert.deepEqual(okJson.errors, []);
    assert.ok(!okJson.findings.some((f: { code: string }) => f.code === 'TFD_SELLO_SAT'), 'SelloSAT verified with the test PAC certificate');
    const bad = await cli(['validate', join(dir, 'ok.xml'), join(dir, 'bad.xml'), '--json']);
    assert.equal(bad.code, 1);
    const [first, second] = bad.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(first.valid, true);
    assert.equal(second.valid, false);
    assert.ok(second.errors.includes('CFDI40119'), `Total no longer adds up: ${second.errors}`);
    assert.ok(second.errors.includes('CFDI40102'), `the Sello no longer verifies: ${second.errors}`);
    const human = await cli(['validate', join(dir, 'bad.xml')]);
    assert.match(human.stdout, /✗ .*bad\.xml\n {2}error CFDI40102: /);
  });

  test('test-pac certificate prints a PEM certificate', async () => {
    const r = await cli(['test-pac', 'certificate']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  });

  test('an invalid configuration is reported, naming the variable', async () => {
    const r = await cli(['empresa', 'list'], { CFDI_PORT: 'abc' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /CFDI_PORT must be an integer/);
  });

  // ── issue 10 (i10b): the SAT catalog workbook; what the catalogs leave unchecked ──
  test('catalogs import <catCFDI.xls> and catalogs status: rows, source with version, rules left unchecked', async () => {
    const { writeXls } = await import('../../src/catalogs/testing/biff8.ts');
    const { satSheets } = await import('../../src/catalogs/testing/sat-workbook.ts');
    const before = JSON.parse((await cli(['catalogs', 'status', '--json'])).stdout) as Array<{ catalog: string; state: string; note?: string }>;
    assert.equal(before.find((c) => c.catalog === 'c_ClaveProdServ')?.state, 'no importado');
    const human = await cli(['catalogs', 'status']);
    assert.match(human.stdout, /CFDI40162, CFDI40163, CFDI40164, CFDI40196 no se verifican: el catálogo c_ClaveProdServ no está importado/);

    const producto = (id: string) => ({ id, texto: `Producto ${id}`, iva_trasladado: '0', ieps_trasladado: '0', complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '', estimulo_frontera: '0', similares: '' });
    const cp = (id: string) => ({ id, estado: 'DIF', municipio: '', localidad: '', estimulo_frontera: '0', vigencia_desde: '2022-01-01', vigencia_hasta: '', huso_descripcion: 'Tiempo del Centro', huso_verano_mes_inicio: '', huso_verano_dia_inicio: '', huso_verano_hora_inicio: '', huso_verano_diferencia: '-6', huso_invierno_mes_inicio: '', huso_invierno_dia_inicio: '', huso_invierno_hora_inicio: '', huso_invierno_diferencia: '-6' });
    const file = join(dir, 'catCFDI_V_4_20251103.xls');
    writeFileSync(file, writeXls([
      ...satSheets('c_ClaveProdServ', ['01010101', '43211500', '84111506'].map(producto), { version: '1.0', revision: 12, published: '2025-11-03' }),
      ...satSheets('c_CodigoPostal', ['01000', '06000', '42501', '86991'].map(cp), { rowsPerSheet: 2 }),
    ]));
    const imp = await cli(['catalogs', 'import', file, '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    assert.deepEqual(JSON.parse(imp.stdout), [{ catalog: 'c_ClaveProdServ', rows: 3 }, { catalog: 'c_CodigoPostal', rows: 4 }]);
    const after = JSON.parse((await cli(['catalogs', 'status', '--json'])).stdout) as Array<{ catalog: string; state: string; rows: number; source?: string; note?: string }>;
    const ps = after.find((c) => c.catalog === 'c_ClaveProdServ')!;
    assert.deepEqual([ps.state, ps.rows, ps.note], ['cargado', 3, undefined]);
    assert.equal(ps.source, 'catCFDI_V_4_20251103.xls [c_ClaveProdServ] (versión 1.0, revisión 12, publicada 2025-11-03)');
    assert.match(after.find((c) => c.catalog === 'c_CodigoPostal')!.source!, /\[c_CodigoPostal_Parte_1, c_CodigoPostal_Parte_2\]/);
    assert.equal(after.find((c) => c.catalog === 'c_ClaveUnidad')?.state, 'no importado');

    const broken = join(dir, 'roto.xls');
    writeFileSync(broken, 'no es excel');
    const bad = await cli(['catalogs', 'import', broken]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /roto\.xls no es un libro de Excel legible/);
  });
});
