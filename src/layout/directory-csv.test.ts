import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProductosCsv, parseReceptoresCsv, readCsv } from './directory-csv.ts';

describe('readCsv (RFC 4180)', () => {
  test('quotes, escaped quotes, commas and line breaks inside quotes, CRLF, BOM', () => {
    const { rows, errors } = readCsv('\ufeffa,b,c\r\n"x, y","he said ""hi""","two\nlines"\r\n\r\nlast,,\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(rows, [
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'he said "hi"', 'two\nlines'] },
      { line: 5, cells: ['last', '', ''] },
    ]);
  });
  test('unterminated quote and text after a closing quote are errors with line numbers', () => {
    assert.deepEqual(readCsv('a\n"x"y\n').errors, ['Línea 2: texto después de las comillas de cierre: "y"']);
    assert.deepEqual(readCsv('a\n"open\n').errors, ['Línea 2: comillas sin cerrar']);
  });
});

describe('parseReceptoresCsv', () => {
  test('documented columns, any case; clave defaults to the RFC; RFC upper-cased', () => {
    const text = [
      'Clave,RFC,Nombre,regimen_fiscal,DomicilioFiscal,usoCfdi,email',
      'C1,ure180429tm6,"UNIVERSIDAD ROBOTICA ESPAÑOLA, S.C.",601,86991,G03,pagos@ure.mx;conta@ure.mx',
      ',MCI7306249Y1,MUNICIPIO DE CUAUTITLAN IZCALLI,603,54700,,',
    ].join('\n');
    const { rows, errors } = parseReceptoresCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(rows, [
      { clave: 'C1', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA, S.C.', regimenFiscal: '601', domicilioFiscal: '86991', usoCfdi: 'G03', email: 'pagos@ure.mx;conta@ure.mx' },
      { clave: 'MCI7306249Y1', rfc: 'MCI7306249Y1', nombre: 'MUNICIPIO DE CUAUTITLAN IZCALLI', regimenFiscal: '603', domicilioFiscal: '54700' },
    ]);
  });
  test('errors name line and column; good rows are still returned', () => {
    const text = ['rfc,cp,regimen,colorfavorito', 'NOESRFC,54700,603,', 'MCI7306249Y1,547,603,', 'URE180429TM6,86991,601,', 'URE180429TM6,86991,601,', ',,,'].join('\n');
    const { rows, errors } = parseReceptoresCsv(text);
    assert.deepEqual(errors, [
      'Línea 1: columna desconocida "colorfavorito" (se aceptan: clave, rfc, nombre, regimenFiscal, domicilioFiscal, usoCfdi, email)',
      'Línea 2, columna rfc: "NOESRFC" no es un RFC',
      'Línea 3, columna domicilioFiscal: "547" no es un código postal',
      'Línea 5, columna clave: "URE180429TM6" ya está en la línea 4',
      'Línea 6, columna rfc: es obligatorio',
    ]);
    assert.deepEqual(rows.map((r) => r.rfc), ['URE180429TM6']);
  });
  test('missing header or rfc column', () => {
    assert.deepEqual(parseReceptoresCsv('').errors, ['Línea 1: falta la fila de encabezados']);
    assert.ok(parseReceptoresCsv('nombre\nX\n').errors.includes('Línea 1: falta la columna obligatoria "rfc"'));
  });
  test('a large file parses in one pass', () => {
    const n = 50_000;
    const text = 'rfc,nombre\n' + Array.from({ length: n }, (_, i) => `AAA${String(i).padStart(6, '0')}AA${i % 10},Cliente ${i}`).join('\n');
    const { rows, errors } = parseReceptoresCsv(text);
    assert.equal(errors.length, 0);
    assert.equal(rows.length, n);
  });
});

describe('parseProductosCsv', () => {
  test('tax profile columns: names or codes, percentages, Exento', () => {
    const text = [
      'codigo,claveProdServ,claveUnidad,unidad,objetoImp,descripcion,traslados,retenciones',
      'LAP-14,43211503,H87,Pieza,02,Laptop,IVA:Tasa:16,',
      'LIB,55101500,H87,Pieza,02,Libro,002:Exento,',
      'HON,80101500,E48,Servicio,02,Honorarios,IVA:Tasa:0.16,ISR:Tasa:10;IVA:Tasa:10.6667',
      'SINIMP,01010101,,,01,,,',
    ].join('\n');
    const { rows, errors } = parseProductosCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(rows[0].taxProfile, { traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], retenciones: [] });
    assert.deepEqual(rows[1].taxProfile, { traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }], retenciones: [] });
    assert.deepEqual(rows[2].taxProfile?.retenciones, [
      { Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' },
      { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' },
    ]);
    assert.deepEqual(rows[3], { codigo: 'SINIMP', claveProdServ: '01010101', objetoImp: '01' });
  });
  test('bad values', () => {
    const text = ['codigo,claveProdServ,objetoImp,traslados,retenciones', 'A,123,02,,', 'B,01010101,9,,', 'C,,,IVA:Tasa,', 'D,,,,IVA:Exento', 'E,,,XYZ:Tasa:16,'].join('\n');
    assert.deepEqual(parseProductosCsv(text).errors, [
      'Línea 2, columna claveProdServ: "123" no es una clave de c_ClaveProdServ (8 dígitos)',
      'Línea 3, columna objetoImp: "9" no es una clave de c_ObjetoImp',
      'Línea 4, columna traslados: "IVA:Tasa" falta la TasaOCuota en IVA:Tasa',
      'Línea 5, columna retenciones: "IVA:Exento" una retención no puede ser Exento',
      'Línea 6, columna traslados: "XYZ:Tasa:16" no es una lista de impuestos IMPUESTO:TipoFactor:TasaOCuota (XYZ:Tasa:16)',
    ]);
  });
});

// issue 10 (b10), item 7: the directory's limits count characters (code points).
describe('directory lengths', () => {
  test('a 1,000-character descripcion with a 🎂 and a 300-character nombre of emoji are accepted', () => {
    const p = parseProductosCsv(['codigo,descripcion', `P1,${'a'.repeat(999)}🎂`].join('\n'));
    assert.deepEqual(p.errors, []);
    const r = parseReceptoresCsv(['rfc,nombre', `MCI7306249Y1,${'🎂'.repeat(300)}`].join('\n'));
    assert.deepEqual(r.errors, []);
  });
});
