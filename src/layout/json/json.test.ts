import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LayoutError } from '../connector.ts';
import { jsonConnector } from './index.ts';
import { jsonDocumentSchema } from './schema.ts';
import { xsaConnector } from '../xsa/index.ts';
import { legacyFacturaDefaults } from '../xsa/defaults.ts';
import { memoryDirectory, testContext } from '../testing.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const read = (f: string) => readFileSync(examples + f, 'utf8');
const ctx = () => testContext({ defaults: legacyFacturaDefaults });

async function errorsOf(doc: unknown): Promise<LayoutError[]> {
  const r = await jsonConnector.parse(typeof doc === 'string' ? doc : JSON.stringify(doc), ctx());
  if (r.ok) assert.fail('expected errors');
  return r.errors;
}
const minimal = () => ({
  Receptor: { Rfc: 'MCI7306249Y1', Nombre: 'M', DomicilioFiscalReceptor: '54700' },
  Conceptos: [{ Cantidad: '1', ValorUnitario: '10.00', Descripcion: 'Cosa', Unidad: 'PZA' }],
});

describe('json connector', () => {
  test('examples/ingreso-mxn.json gives the same CFDI draft as examples/ingreso-mxn.txt', async () => {
    const fromJson = await jsonConnector.parse(read('ingreso-mxn.json'), ctx());
    const fromText = await xsaConnector.parse(read('ingreso-mxn.txt'), ctx());
    assert.ok(fromJson.ok && fromText.ok);
    assert.deepEqual(fromJson.draft, fromText.draft);
    assert.deepEqual(fromJson.printed, fromText.printed);
  });

  test('a minimal document is filled from the tipo defaults', async () => {
    const r = await jsonConnector.parse(JSON.stringify(minimal()), ctx());
    assert.ok(r.ok);
    assert.equal(r.draft.Receptor.UsoCFDI, 'G03');
    assert.deepEqual(r.draft.Conceptos[0].Impuestos?.Traslados, [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }]);
  });

  test('the directory fills the receptor by clave', async () => {
    const directory = memoryDirectory([{ clave: 'C1', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD', domicilioFiscal: '86991', regimenFiscal: '601' }]);
    const r = await jsonConnector.parse(JSON.stringify({ ...minimal(), Receptor: { clave: 'C1' } }), testContext({ defaults: legacyFacturaDefaults, directory }));
    assert.ok(r.ok);
    assert.equal(r.draft.Receptor.Rfc, 'URE180429TM6');
  });

  // issue 10 (b10), item 7: maxLength counts characters (code points), as JSON Schema does.
  test('a 1,000-character Descripcion with a 🎂 is within maxLength; 1,001 is not', async () => {
    const doc = (d: string) => JSON.stringify({ ...minimal(), Conceptos: [{ Cantidad: '1', ValorUnitario: '1', Unidad: 'PZA', Descripcion: d }] });
    const r = await jsonConnector.parse(doc('🎂' + 'a'.repeat(999)), ctx());
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    const errors = await errorsOf(doc('🎂' + 'a'.repeat(1000)));
    assert.ok(errors.some((e) => e.code === 'LAYOUT_LONGITUD' && e.message.includes('tiene 1001 caracteres; el máximo es 1000')), JSON.stringify(errors));
  });

  const errorCases: Array<[string, unknown, string, string]> = [
    ['not JSON', '{"a":', 'LAYOUT_JSON', 'Documento: no es JSON válido'],
    ['not an object', '[]', 'LAYOUT_JSON', 'Campo /: debe ser un objeto y es array'],
    ['amount as a number', { ...minimal(), Conceptos: [{ Cantidad: 1, ValorUnitario: '1' }] }, 'LAYOUT_JSON', 'Campo /Conceptos/0/Cantidad: debe ser una cadena'],
    ['not a number', { ...minimal(), Conceptos: [{ Cantidad: 'dos', ValorUnitario: '1' }] }, 'LAYOUT_NUMERO', 'Campo /Conceptos/0/Cantidad: "dos" no es un número'],
    ['unknown property', { ...minimal(), Foo: 1 }, 'LAYOUT_JSON', 'Campo /Foo: no es una propiedad del documento'],
    ['missing required', { Receptor: {} }, 'LAYOUT_JSON', 'Campo /: falta la propiedad obligatoria "Conceptos"'],
    ['no concepts', { ...minimal(), Conceptos: [] }, 'LAYOUT_JSON', 'Campo /Conceptos: debe tener al menos 1 elemento(s)'],
    ['bad date', { ...minimal(), Fecha: '2026-13-01T00:00:00' }, 'LAYOUT_FECHA', 'Campo /Fecha: "2026-13-01T00:00:00" no es una fecha válida'],
    ['bad tax', { ...minimal(), Impuestos: { Retenciones: [{ Impuesto: 'IVX' }] } }, 'LAYOUT_VALOR', 'Campo /Impuestos/Retenciones/0/Impuesto: "IVX" no es un impuesto'],
    ['Tasa without rate', { ...minimal(), Conceptos: [{ Cantidad: '1', ValorUnitario: '1', Descripcion: 'x', Impuestos: { Traslados: [{ Impuesto: 'IVA' }] } }] }, 'LAYOUT_REQUERIDO', 'Campo /Conceptos/0/Impuestos/Traslados/0/TasaOCuota: es obligatorio con TipoFactor Tasa'],
    ['too long', { ...minimal(), Moneda: 'PESOS' }, 'LAYOUT_LONGITUD', 'Campo /Moneda: "PESOS" tiene 5 caracteres; el máximo es 3'],
    ['control character', { ...minimal(), Receptor: { ...minimal().Receptor, Nombre: 'M\u0007' } }, 'LAYOUT_CARACTER', 'Campo /Receptor/Nombre: "M\\u0007" contiene el carácter U+0007 (de control), que un CFDI no puede llevar'],
    ['unpaired surrogate', '{"Receptor":{"Rfc":"MCI7306249Y1","Nombre":"M\\ud800","DomicilioFiscalReceptor":"54700"},"Conceptos":[{"Cantidad":"1","ValorUnitario":"1","Descripcion":"x"}]}', 'LAYOUT_CARACTER', 'Campo /Receptor/Nombre: "M\\ud800" contiene el carácter U+D800 (sustituto UTF-16 sin pareja)'],
    ['missing everywhere', { Receptor: { Rfc: 'MCI7306249Y1' }, Conceptos: [{ Cantidad: '1', ValorUnitario: '1', Descripcion: 'x' }] }, 'LAYOUT_SIN_VALOR', 'Campo /Receptor/Nombre: falta'],
  ];
  for (const [name, doc, code, message] of errorCases) {
    test(`error: ${name}`, async () => {
      const errors = await errorsOf(doc);
      const e = errors.find((x) => x.code === code);
      assert.ok(e, `${code} not in ${JSON.stringify(errors)}`);
      assert.ok(e.message.startsWith(message), e.message);
    });
  }

  test('the schema is a JSON Schema object OpenAPI can publish', () => {
    const s = jsonDocumentSchema as { type: string; required: string[]; properties: Record<string, unknown> };
    assert.equal(s.type, 'object');
    // Conceptos is required by the connector unless Pagos is present (a payment receipt's concept is fixed).
    assert.deepEqual(s.required, ['Receptor']);
    assert.ok('Conceptos' in s.properties && 'Receptor' in s.properties);
    // JSON-serialisable, no functions or undefined.
    assert.deepEqual(JSON.parse(JSON.stringify(jsonDocumentSchema)), jsonDocumentSchema);
  });
});
