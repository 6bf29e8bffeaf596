import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  c_FormaPago,
  c_Moneda,
  c_UsoCFDI,
  describe as describeCode,
  lookup,
  monedaDecimales,
  tasaOCuotaRows,
  tipoPersona,
  vigente,
  c_ObjetoImp,
} from './index.ts';
import { generate, GENERATED_FILE } from '../../scripts/gen-catalogs.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

test('describe gives the SAT description and undefined for unknown codes', () => {
  assert.equal(describeCode('c_RegimenFiscal', '601'), 'General de Ley Personas Morales');
  assert.equal(describeCode('c_FormaPago', '99'), 'Por definir');
  assert.equal(describeCode('c_Estado', 'JAL'), 'Jalisco');
  assert.equal(describeCode('c_Estado', 'TX|USA'), 'Texas');
  assert.equal(describeCode('c_RegimenFiscal', '999'), undefined);
  assert.equal(describeCode('c_Moneda', 'constructor'), undefined);
  assert.equal(describeCode('c_Nada', '01'), undefined);
});

test('monedaDecimales follows c_Moneda', () => {
  assert.equal(monedaDecimales('MXN'), 2);
  assert.equal(monedaDecimales('JPY'), 0);
  assert.equal(monedaDecimales('BHD'), 3);
  assert.equal(monedaDecimales('CLF'), 4);
  assert.equal(monedaDecimales('XXX'), 0);
  assert.equal(monedaDecimales('ZZZ'), undefined);
  assert.equal(c_Moneda.USD.porcentajeVariacion, '5');
});

test('validity dates are honoured against Fecha', () => {
  assert.equal(lookup(c_ObjetoImp, '04', '2022-10-06T23:59:59'), undefined);
  assert.ok(lookup(c_ObjetoImp, '04', '2022-10-07T00:00:00'));
  assert.equal(vigente({ vigenciaDesde: '2022-01-01', vigenciaHasta: '2022-12-31' }, '2023-01-01T00:00:00'), false);
  assert.equal(vigente({ vigenciaDesde: '2022-01-01', vigenciaHasta: '2022-12-31' }, '2022-12-31T23:59:59'), true);
});

test('c_UsoCFDI carries persona flags and the trimmed régimen list', () => {
  assert.deepEqual([...c_UsoCFDI.G01.regimenesFiscalesReceptores].slice(-2), ['625', '626']);
  assert.ok(c_UsoCFDI.S01.regimenesFiscalesReceptores.includes('616'));
  assert.equal(c_UsoCFDI.D01.aplicaMoral, false);
  assert.equal(c_FormaPago['03'].bancarizado, true);
});

test('c_TasaOCuota rows by impuesto, factor and use', () => {
  const ivaT = tasaOCuotaRows('002', 'Tasa', 'traslado', '2024-01-01').map((r) => r.valor).sort();
  assert.deepEqual(ivaT, ['0.000000', '0.080000', '0.160000']);
  const ivaR = tasaOCuotaRows('002', 'Tasa', 'retencion', '2024-01-01');
  assert.equal(ivaR.length, 1);
  assert.equal(ivaR[0].tipo, 'Rango');
  assert.equal(tasaOCuotaRows('001', 'Tasa', 'traslado', '2024-01-01').length, 0);
});

test('tipoPersona by RFC length', () => {
  assert.equal(tipoPersona('EKU9003173C9'), 'moral');
  assert.equal(tipoPersona('XAXX010101000'), 'fisica');
  assert.equal(tipoPersona('X'), undefined);
});

test('the generated catalogs match the SAT CSV files (integrity)', (t) => {
  const dir = join(sharedDir, 'sat', 'catalogs');
  if (!existsSync(dir)) return t.skip(`../shared not found: ${dir}`);
  assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generate(dir), 'run: node --import tsx scripts/gen-catalogs.ts');
});
