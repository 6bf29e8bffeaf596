import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERRORS, formatGenerationError } from './errors.ts';
import { renderErrorsDoc } from '../../scripts/gen-errors-doc.ts';

test('docs/errors.md is generated from the registry (run scripts/gen-errors-doc.ts)', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(doc, renderErrorsDoc());
});

test('every code is upper snake case with a valid HTTP status and a description', () => {
  for (const [code, d] of Object.entries(ERRORS)) {
    assert.match(code, /^[A-Z][A-Z0-9_]+$/, code);
    assert.ok(d.http >= 400 && d.http < 600, code);
    assert.ok(d.description.length > 10, code);
  }
});

test('the client text shape is the seed\'s, byte for byte', () => {
  assert.equal(
    formatGenerationError('CFDI40108', 'El TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.'),
    'Error CFDI40108\nEl TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.. :\n Código de error: CFDI40108',
  );
});
