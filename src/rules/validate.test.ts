import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientErrors, largeCatalogKeys, validateComprobante } from './validate.ts';
import { directoryRegistry } from './registry.ts';
import { FIXTURE_ROWS, conPedimento, global, ingreso, mutate } from './testing/fixtures.ts';
import { MemoryCatalogs } from './testing/memory-catalogs.ts';
import { ALL_RULES } from './all.ts';
import { pagoCompleto } from './testing/pagos-fixtures.ts';

const errors = (fs: Awaited<ReturnType<typeof validateComprobante>>) => fs.filter((f) => f.status === 'error');

test("the seed's case: SubTotal not the rounded sum of the Importes answers CFDI40108 in the seed's text", async () => {
  const doc = mutate(ingreso(), (c) => {
    c.SubTotal = '1100.00';
    c.Total = '1156.67';
  });
  const findings = await validateComprobante(doc, { catalogs: MemoryCatalogs.from(FIXTURE_ROWS) });
  assert.deepEqual(clientErrors(findings), [
    'Error CFDI40108\nEl TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.. :\n Código de error: CFDI40108',
  ]);
});

test('every rule answers for every document; all errors at once, in code order, one text per code', async () => {
  const doc = mutate(ingreso(), (c) => {
    c.SubTotal = '1100.00'; // CFDI40108 (and Total no longer adds up: CFDI40119)
    c.FormaPago = '77'; // CFDI40104
    c.Conceptos[0].ClaveUnidad = 'ZZZ'; // CFDI40165
    c.Conceptos[1].ClaveUnidad = 'YYY'; // CFDI40165 again
  });
  const findings = await validateComprobante(doc, { catalogs: MemoryCatalogs.from(FIXTURE_ROWS) });
  assert.deepEqual(new Set(findings.map((f) => f.code)), new Set([...ALL_RULES.map((r) => r.code), 'RFC_DIGITO_VERIFICADOR']));
  assert.equal(errors(findings).filter((f) => f.code === 'CFDI40165').length, 2);
  assert.deepEqual(
    clientErrors(findings).map((t) => t.split('\n')[0]),
    ['Error CFDI40104', 'Error CFDI40108', 'Error CFDI40119', 'Error CFDI40165'],
  );
});

test('a fresh install (no catalog imported, no register) passes valid documents with notChecked findings', async () => {
  const empty = new MemoryCatalogs();
  for (const doc of [ingreso(), global(), pagoCompleto(), conPedimento()]) {
    const findings = await validateComprobante(doc, { catalogs: empty });
    assert.deepEqual(errors(findings), []);
    const notChecked = new Set(findings.filter((f) => f.status === 'notChecked').map((f) => f.code));
    assert.ok(notChecked.has('CFDI40126') && notChecked.has('CFDI40162'), [...notChecked].join());
  }
});

test('large-catalog rows are preloaded for exactly the keys the document uses', async () => {
  const keys = largeCatalogKeys(conPedimento());
  assert.deepEqual([...keys.get('c_ClaveProdServ')!].sort(), ['80111600', '84111506']);
  assert.deepEqual([...keys.get('c_NumPedimentoAduana')!], ['47|3807|2025']);
  const asked: string[] = [];
  const catalogs = MemoryCatalogs.from(FIXTURE_ROWS);
  const lookup = catalogs.lookupCatalog.bind(catalogs);
  catalogs.lookupCatalog = async (catalog, k) => {
    asked.push(catalog);
    return lookup(catalog, k);
  };
  assert.deepEqual(errors(await validateComprobante(conPedimento(), { catalogs })), []);
  assert.deepEqual(asked.sort(), ['c_Aduana', 'c_ClaveProdServ', 'c_ClaveUnidad', 'c_CodigoPostal', 'c_NumPedimentoAduana', 'c_PatenteAduanal']);
});

test('a partially imported catalog never yields a false error', async () => {
  const catalogs = MemoryCatalogs.from({ c_CodigoPostal: { '64280': { estado: 'NLE', vigencia_desde: '2022-01-01', vigencia_hasta: '' } } });
  catalogs.tables.get('c_CodigoPostal')!.source = 'c_CodigoPostal_Parte_2_PARTIAL.csv.gz (partial)';
  const f = (await validateComprobante(ingreso(), { catalogs })).find((x) => x.code === 'CFDI40126')!;
  assert.equal(f.status, 'notChecked');
});

test('the default register source is the receptores directory and the CSD', async () => {
  const registry = directoryRegistry({
    findReceptor: async (rfc) => (rfc === 'URE180429TM6' ? { rfc, nombre: 'OTRA RAZON SOCIAL', domicilioFiscal: '86991' } : undefined),
    csd: { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE SA DE CV' },
  });
  const findings = await validateComprobante(ingreso(), { catalogs: MemoryCatalogs.from(FIXTURE_ROWS), registry });
  const status = (code: string) => findings.filter((f) => f.code === code).map((f) => f.status);
  assert.deepEqual(status('CFDI40145'), ['error']);
  assert.deepEqual(status('CFDI40148'), ['ok']);
  assert.deepEqual(status('CFDI40138'), ['ok']);
  assert.deepEqual(status('CFDI40143'), ['notChecked']);
  assert.match(findings.find((f) => f.code === 'CFDI40145')!.detail!, /el directorio de receptores de la empresa/);
});

// ── issue 10 (b10), item 8: "Error no clasificado" names node, attribute and value ──
test('CFDI40999 reaches the client naming node, attribute and value, one text per problem, in the seed shape', async () => {
  const cases: Array<[string, (c: ReturnType<typeof ingreso>) => void, string]> = [
    ['Receptor RFC pattern', (c) => { c.Receptor.Rfc = 'URE18042'; }, 'Error no clasificado. Nodo Receptor, atributo Rfc, valor "URE18042": no es un RFC (3 o 4 letras, 6 dígitos de fecha y 3 caracteres de homoclave)'],
    ['DomicilioFiscalReceptor', (c) => { c.Receptor.DomicilioFiscalReceptor = '8699'; }, 'Error no clasificado. Nodo Receptor, atributo DomicilioFiscalReceptor, valor "8699": no es un código postal de 5 dígitos'],
    ['ClaveProdServ', (c) => { c.Conceptos[0].ClaveProdServ = '1234'; }, 'Error no clasificado. Nodo Concepto[1], atributo ClaveProdServ, valor "1234": debe tener 8 dígitos'],
    ['negative Cantidad', (c) => { c.Conceptos[0].Cantidad = '-2'; }, 'Error no clasificado. Nodo Concepto[1], atributo Cantidad, valor "-2": debe ser un número mayor que cero, sin signo, con hasta 18 enteros y 6 decimales'],
    ['Cantidad with 7 decimals', (c) => { c.Conceptos[0].Cantidad = '2.0000001'; }, 'Error no clasificado. Nodo Concepto[1], atributo Cantidad, valor "2.0000001": debe ser un número mayor que cero, sin signo, con hasta 18 enteros y 6 decimales'],
    ['1,001-character Descripcion', (c) => { c.Conceptos[0].Descripcion = 'x'.repeat(1001); }, `Error no clasificado. Nodo Concepto[1], atributo Descripcion, valor "${'x'.repeat(77)}...": tiene 1001 caracteres; el máximo es 1000`],
    ['CuentaPredial', (c) => { c.Conceptos[0].CuentaPredial = [{ Numero: 'CP-123' }]; }, 'Error no clasificado. Nodo Concepto[1]/CuentaPredial[1], atributo Numero, valor "CP-123": solo letras y dígitos, de 1 a 150 (sin guiones, espacios ni otros signos)'],
    ['missing Nombre', (c) => { c.Receptor.Nombre = ''; }, 'Error no clasificado. Nodo Receptor, atributo Nombre: es obligatorio'],
  ];
  for (const [name, edit, message] of cases) {
    const findings = await validateComprobante(mutate(ingreso(), edit), { catalogs: MemoryCatalogs.from(FIXTURE_ROWS) });
    const texts = clientErrors(findings).filter((t) => t.startsWith('Error CFDI40999\n'));
    assert.ok(texts.includes(`Error CFDI40999\n${message}. :\n Código de error: CFDI40999`), `${name}: ${JSON.stringify(texts)}`);
  }
  // Two problems, two texts.
  const two = await validateComprobante(mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '1234'; c.Conceptos[1].ClaveProdServ = '99'; }), { catalogs: MemoryCatalogs.from(FIXTURE_ROWS) });
  assert.equal(clientErrors(two).filter((t) => t.startsWith('Error CFDI40999\n')).length, 2);
});
