import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importCatalogs } from './import.ts';
import { MemorySink as Sink } from './testing/memory-sink.ts';


test('imports plain and gzipped CSVs with composite keys, validity and partial marks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogs-'));
  writeFileSync(join(dir, 'c_ClaveUnidad.csv'), 'id,texto,descripcion,notas,vigencia_desde,vigencia_hasta,simbolo\nH87,Pieza,"Una, pieza",,2022-01-01,,\nXX,Vieja,,,2022-01-01,2023-01-01,\n');
  writeFileSync(join(dir, 'c_Colonia.csv.gz'), gzipSync('colonia,codigo_postal,texto\n0001,01000,San Ángel\n0001,16514,Tetitla\n'));
  writeFileSync(join(dir, 'c_CodigoPostal_Parte_2_PARTIAL.csv.gz'), gzipSync('id,estado,vigencia_desde,vigencia_hasta\n64280,NLE,2022-01-01,\n'));
  writeFileSync(join(dir, 'c_NumPedimentoAduana.csv'), 'aduana,patente,ejercicio,cantidad,vigencia_desde,vigencia_hasta\n01,3173,2007,999999,2017-01-01,\n');
  writeFileSync(join(dir, 'c_FormaPago.csv'), 'id,texto\n01,Efectivo\n'); // small catalog: built in, not imported
  const sink = new Sink();
  const progress: string[] = [];
  const result = await importCatalogs(dir, sink, (catalog, done, total) => progress.push(`${catalog}:${done}/${total ?? '?'}`));
  assert.deepEqual(result, [
    { catalog: 'c_ClaveUnidad', rows: 2 },
    { catalog: 'c_CodigoPostal', rows: 1 },
    { catalog: 'c_Colonia', rows: 2 },
    { catalog: 'c_NumPedimentoAduana', rows: 1 },
  ]);
  const unidad = sink.tables.get('c_ClaveUnidad')!.rows;
  assert.deepEqual(unidad[0], { key: 'H87', vigenciaDesde: '2022-01-01', data: { texto: 'Pieza', descripcion: 'Una, pieza', notas: '', simbolo: '' } });
  assert.equal(unidad[1].vigenciaHasta, '2023-01-01');
  assert.deepEqual(sink.tables.get('c_Colonia')!.rows.map((r) => r.key), ['0001|01000', '0001|16514']);
  assert.equal(sink.tables.get('c_NumPedimentoAduana')!.rows[0].key, '01|3173|2007');
  assert.equal(sink.tables.get('c_NumPedimentoAduana')!.rows[0].data.cantidad, '999999');
  assert.match(sink.tables.get('c_CodigoPostal')!.source, /\(partial\)$/);
  assert.doesNotMatch(sink.tables.get('c_Colonia')!.source, /partial/);
  assert.ok(progress.includes('c_Colonia:2/2'));
});

test('a file without its key column is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogs-'));
  writeFileSync(join(dir, 'c_Aduana.csv'), 'clave,texto\n01,X\n');
  await assert.rejects(importCatalogs(dir, new Sink()), /missing key column\(s\) id/);
});

test('the shared SAT catalogs import completely, in batches', async (t) => {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dir = join(process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'sat', 'catalogs');
  if (!existsSync(dir)) return t.skip(`../shared not found: ${dir}`);
  const sink = new Sink();
  const result = Object.fromEntries((await importCatalogs(dir, sink)).map((r) => [r.catalog, r.rows]));
  // Row counts of the shared README; c_NumPedimentoAduana's 2022 export repeats 3 keys (kept once).
  assert.equal(result.c_NumPedimentoAduana, 44152);
  assert.equal(result.c_ClaveUnidad, 2418);
  assert.equal(result.c_Colonia, 145366);
  assert.equal(result.c_CodigoPostal, 35667);
  assert.equal(result.c_PatenteAduanal, 3413);
  assert.equal(result.c_Aduana, 50);
  assert.ok(sink.tables.get('c_Colonia')!.batches > 1);
});
