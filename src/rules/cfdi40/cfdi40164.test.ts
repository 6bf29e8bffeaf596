import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCatalogs } from '../../catalogs/import.ts';
import { writeXls } from '../../catalogs/testing/biff8.ts';
import { satSheets } from '../../catalogs/testing/sat-workbook.ts';
import { MemoryCatalogs } from '../testing/memory-catalogs.ts';
import { FIXTURE_ROWS } from '../testing/fixtures.ts';
import { validateComprobante } from '../validate.ts';
import { cfdi40164 } from './cfdi40164.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40164, [
  { name: 'IVA and IEPS declared', doc: mutate(ingreso(), (c) => { const k = c.Conceptos[0]; k.ClaveProdServ = '50211503'; k.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.TotalImpuestosTrasladados = '960.00'; c.Total = '1856.67'; }), expect: 'ok' },
  { name: 'IEPS missing', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '50211503'; }), expect: 'error' },
  { name: 'keys without requirement', doc: ingreso(), expect: 'notApplicable' },
]);

// Review defect (b10): the catalog as `catalogs import` stores it. The SAT workbook writes
// "Sí"/"Opcional"/"No"; the importer (and the phpcfdi CSVs) store 1/0, which the rule
// must read as well as the workbook's own spellings.

test('CFDI40164 with c_ClaveProdServ imported from the SAT workbook', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cfdi40164-')), 'catCFDI_V_4_20250101.xls');
  const row = (id: string, iva: string, ieps: string) => ({ id, texto: 'x', iva_trasladado: iva, ieps_trasladado: ieps, complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '', estimulo_frontera: '0', similares: '' });
  writeFileSync(file, writeXls(satSheets('c_ClaveProdServ', [row('50211503', '1', '1'), row('84111506', '0', '0')])));
  const { c_ClaveProdServ: _, ...others } = FIXTURE_ROWS;
  const catalogs = MemoryCatalogs.from(others);
  await importCatalogs(file, catalogs);
  const stored = (await catalogs.lookupCatalog('c_ClaveProdServ', ['50211503'])).get('50211503')!;
  assert.equal(stored.data.ieps_trasladado, '1', 'the importer stores 1/0');
  const findings = await validateComprobante(mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '50211503'; }), { catalogs });
  assert.deepEqual(findings.filter((f) => f.code === 'CFDI40164').map((f) => f.status), ['error']);
});

ruleCases(cfdi40164, [
  ...['1', 'Sí', 'Si', 'SÍ', ' sí '].map((v) => ({ name: `"Incluir IEPS trasladado" written ${JSON.stringify(v)}, IEPS missing`, doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '50211503'; }), ctx: ctxWith(v), expect: 'error' as const })),
  ...['0', 'No', 'Opcional', ''].map((v) => ({ name: `"Incluir IEPS trasladado" written ${JSON.stringify(v)}`, doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '50211503'; }), ctx: ctxWith(v), expect: 'notApplicable' as const })),
  { name: 'IVA and IEPS declared (1/0 catalog)', doc: mutate(ingreso(), (c) => { const k = c.Conceptos[0]; k.ClaveProdServ = '50211503'; k.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.TotalImpuestosTrasladados = '960.00'; c.Total = '1856.67'; }), ctx: ctxWith('1'), expect: 'ok' },
]);

/** The fixture context with 50211503 requiring IVA "0"… and IEPS as `ieps` (as some import wrote it). */
function ctxWith(ieps: string) {
  const ctx = fixtureContext();
  const prod = new Map(ctx.catalogs.get('c_ClaveProdServ'));
  prod.set('50211503', { ...prod.get('50211503')!, iva_trasladado: '0', ieps_trasladado: ieps });
  return { ...ctx, catalogs: new Map([...ctx.catalogs, ['c_ClaveProdServ', prod]]) };
}
