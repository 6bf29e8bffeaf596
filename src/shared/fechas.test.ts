import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fechaParametro, parseFecha, rangoFechas } from './fechas.ts';

const fail = (m: string) => new Error(m);

test('parseFecha accepts real calendar dates only', () => {
  const ok: Array<[string, string, boolean]> = [
    ['2026-01-31', '2026-01-31', true],
    ['2024-02-29', '2024-02-29', true], // leap year
    ['2000-02-29', '2000-02-29', true], // divisible by 400
    ['2026-04-30T23:59:59', '2026-04-30T23:59:59', false],
    ['2026-04-30 00:00:00', '2026-04-30T00:00:00', false],
    ['9999-12-31', '9999-12-31', true],
  ];
  for (const [texto, valor, soloFecha] of ok) assert.deepEqual(parseFecha(texto), { valor, soloFecha }, texto);
  const bad: Array<[string, RegExp]> = [
    ['2026-13-45', /mes/],
    ['0000-00-00', /año/],
    ['2026-00-10', /mes/],
    ['2026-02-30', /día debe ser de 01 a 28/],
    ['2025-02-29', /día/], // not a leap year
    ['1900-02-29', /día/], // divisible by 100, not 400
    ['2026-04-31', /día debe ser de 01 a 30/],
    ['2026-01-00', /día/],
    ['2026-01-01T24:00:00', /hora/],
    ['2026-01-01T10:60:00', /hora/],
    ['2026-01-01T10:00:60', /hora/],
    ['ayer', /formato/],
    ['2026-1-01', /formato/],
    ['+02026-01-01', /formato/],
    ['2026-01-01T10:00', /formato/],
    ['2026-01-01Z', /formato/],
    ['２０２６-01-01', /formato/], // full-width digits are not ASCII digits
    ['', /formato/],
  ];
  for (const [texto, why] of bad) {
    const r = parseFecha(texto);
    assert.ok('error' in r, texto);
    assert.match(r.error, why, texto);
  }
});

test('fechaParametro names the parameter and the value in its error', () => {
  assert.throws(() => fechaParametro('fechaFinal', '2026-13-45', fail), { message: 'fechaFinal "2026-13-45" no es una fecha válida: el mes debe ser de 01 a 12' });
  assert.deepEqual(fechaParametro('fechaFinal', '2026-03-01', fail), { valor: '2026-03-01', soloFecha: true });
});

test('rangoFechas: each bound checked; an inverted range is an error; one bare day is a range', () => {
  assert.throws(() => rangoFechas({ nombre: 'fechaInicial', texto: '2026-13-45' }, { nombre: 'fechaFinal' }, fail), /^Error: fechaInicial "2026-13-45"/);
  assert.throws(() => rangoFechas({ nombre: 'fechaInicial' }, { nombre: 'fechaFinal', texto: '2026-02-30' }, fail), /^Error: fechaFinal "2026-02-30"/);
  assert.throws(() => rangoFechas({ nombre: 'fechaInicial', texto: '2026-03-02' }, { nombre: 'fechaFinal', texto: '2026-03-01' }, fail), /fechaInicial \(2026-03-02\) es posterior a fechaFinal/);
  assert.throws(() => rangoFechas({ nombre: 'fechaInicial', texto: '2026-03-01T10:00:00' }, { nombre: 'fechaFinal', texto: '2026-03-01T09:59:59' }, fail), /posterior/);
  assert.equal(rangoFechas({ nombre: 'fechaInicial', texto: '2026-03-01T23:59:59' }, { nombre: 'fechaFinal', texto: '2026-03-01' }, fail).final?.valor, '2026-03-01');
  assert.deepEqual(rangoFechas({ nombre: 'a' }, { nombre: 'b' }, fail), { inicial: undefined, final: undefined });
});
