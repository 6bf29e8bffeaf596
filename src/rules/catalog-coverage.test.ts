import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogCoverage, clientNotices, RULES_BY_CATALOG } from './catalog-coverage.ts';
import { validateComprobante } from './validate.ts';
import { ingreso, mutate } from './testing/fixtures.ts';
import { MemoryCatalogs } from './testing/memory-catalogs.ts';

test('coverage says which rules each catalog leaves unchecked: not imported, partial, loaded', () => {
  const cov = catalogCoverage([
    { catalog: 'c_CodigoPostal', rows: 35667, source: 'c_CodigoPostal_Parte_2_PARTIAL.csv.gz (partial)' },
    { catalog: 'c_ClaveUnidad', rows: 2418, source: 'catCFDI_V_4_20250203.xls [c_ClaveUnidad] (versión 1.0, revisión 7)' },
    { catalog: 'c_Aduana', rows: 0, source: 'vacío.csv' },
  ]);
  assert.deepEqual(cov.map((c) => c.catalog), Object.keys(RULES_BY_CATALOG));
  const by = Object.fromEntries(cov.map((c) => [c.catalog, c]));
  assert.equal(by.c_ClaveProdServ.state, 'no importado');
  assert.equal(by.c_ClaveProdServ.note, 'CFDI40162, CFDI40163, CFDI40164, CFDI40196 no se verifican: el catálogo c_ClaveProdServ no está importado');
  assert.equal(by.c_CodigoPostal.state, 'parcial');
  assert.equal(by.c_CodigoPostal.note, 'CFDI40126 solo se verifican para las claves presentes: el catálogo c_CodigoPostal está importado en parte');
  assert.equal(by.c_ClaveUnidad.state, 'cargado');
  assert.equal(by.c_ClaveUnidad.note, undefined);
  assert.equal(by.c_Aduana.state, 'no importado', 'an empty import counts as not imported');
  assert.equal(by.c_Colonia.note, undefined, 'no matrix rule needs c_Colonia');
});

test('notices: each rule not checked with its reason, each warning with its place, once, in code order', async () => {
  const doc = mutate(ingreso(), (c) => { c.Receptor.Rfc = 'URE180429TM5'; });
  const findings = await validateComprobante(doc, { catalogs: new MemoryCatalogs() });
  const notices = clientNotices(findings);
  const catalogo = (code: string, c: string) => `${code} no verificada: el catálogo ${c} no está importado (cfdi-async catalogs import catCFDI_V_4_….xls)`;
  for (const [code, c] of [['CFDI40126', 'c_CodigoPostal'], ['CFDI40162', 'c_ClaveProdServ'], ['CFDI40163', 'c_ClaveProdServ'], ['CFDI40164', 'c_ClaveProdServ'], ['CFDI40165', 'c_ClaveUnidad']]) {
    assert.equal(notices.filter((n) => n === catalogo(code, c)).length, 1, `${code} once although two concepts`);
  }
  assert.ok(notices.includes('Advertencia RFC_DIGITO_VERIFICADOR: El dígito verificador del RFC no corresponde al calculado; verifique el RFC en el padrón del SAT (existen RFC antiguos así). (Receptor@Rfc = "URE180429TM5"): el dígito verificador calculado es "6"'), notices.join('\n'));
  assert.ok(notices.indexOf(catalogo('CFDI40126', 'c_CodigoPostal')) < notices.indexOf(catalogo('CFDI40165', 'c_ClaveUnidad')));
  // With the catalogs loaded, none of them is left.
  const loaded = MemoryCatalogs.from({
    c_CodigoPostal: { '42501': { vigencia_desde: '2022-01-01' } },
    c_ClaveProdServ: { '84111506': { vigencia_desde: '2022-01-01' }, '01010101': { vigencia_desde: '2022-01-01' } },
    c_ClaveUnidad: { H87: { vigencia_desde: '2022-01-01' }, E48: { vigencia_desde: '2022-01-01' }, ACT: { vigencia_desde: '2022-01-01' } },
  });
  const after = clientNotices(await validateComprobante(ingreso(), { catalogs: loaded }));
  assert.ok(!after.some((n) => /el catálogo/.test(n)), after.join('\n'));
});
