import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseResult, LayoutError, TipoDefaults } from '../connector.ts';
import type { ComprobanteDraft } from '../../cfdi/draft.ts';
import type { DatosImpresos } from '../../cfdi/printed.ts';
import { xsaConnector } from './index.ts';
import { legacyFacturaDefaults } from './defaults.ts';
import { memoryDirectory, testContext, bareDefaults } from '../testing.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const example = (name: string) => readFileSync(examples + name, 'utf8');

async function parse(text: string, ctx = testContext()): Promise<ParseResult> {
  return xsaConnector.parse(text, ctx);
}
async function draftOf(text: string, ctx = testContext()): Promise<{ draft: ComprobanteDraft; printed: DatosImpresos }> {
  const r = await parse(text, ctx);
  if (!r.ok) assert.fail(`expected a draft, got:\n${r.errors.map((e) => e.message).join('\n')}`);
  return r;
}
async function errorsOf(text: string, ctx = testContext()): Promise<LayoutError[]> {
  const r = await parse(text, ctx);
  if (r.ok) assert.fail('expected errors, got a draft');
  return r.errors;
}

// A minimal valid 4.0 document, record by record, to which each test adds or changes one.
const R00 = '00|ref-1|FAC|4.0|';
const R01 = (f: Record<number, string> = {}) => '01|' + Array.from({ length: 25 }, (_, i) => f[i + 1] ?? '').join('|') + '|';
const R03 = '03|CLI1|MCI7306249Y1|MUNICIPIO DE CUAUTITLAN IZCALLI||||||||||54700|||G03|603|';
const R05 = '05|01010101|P-1|2|Cosa|10.00||Pieza|H87||1|02|';
const doc40 = (...extra: string[]) => [R00, R01(), R03, R05, ...extra].join('\n');

describe('xsa 4.0 records', () => {
  test('00: client reference and tipo label go to the printed data', async () => {
    const { printed } = await draftOf(doc40());
    assert.equal(printed.referenciaCliente, 'ref-1');
    assert.equal(printed.tipoCfd, 'FAC');
  });

  test('01: every one of its 25 fields lands where the spec says', async () => {
    const f = {
      1: 'ID-9', 2: 'A', 3: '77', 4: '2026-11-20T10:11:12', 5: '20.00', 6: '23.20', 7: '3.20', 8: '0.00', 9: '1.00',
      10: 'Promoción', 11: 'VEINTITRÉS PESOS 20/100 M.N.', 12: 'USD', 13: '17.5', 14: 'REF', 15: 'n1', 16: 'n2', 17: 'n3',
      18: 'E', 19: 'PPD', 20: '06600', 21: 'ABC12', 22: '99', 23: '30 días', 24: '02', 25: '0123456789',
    };
    const { draft, printed } = await draftOf([R00, R01(f), R03, R05].join('\n'));
    assert.equal(printed.idInterno, 'ID-9');
    assert.equal(draft.Serie, 'A');
    assert.equal(draft.Folio, '77');
    assert.equal(draft.Fecha, '2026-11-20T10:11:12');
    assert.equal(draft.SubTotal, '20.00');
    assert.equal(draft.Total, '23.20');
    assert.equal(draft.Impuestos?.TotalImpuestosTrasladados, '3.20');
    assert.equal(draft.Impuestos?.TotalImpuestosRetenidos, '0.00');
    assert.equal(draft.Descuento, '1.00');
    assert.equal(printed.motivoDescuento, 'Promoción');
    assert.equal(printed.totalConLetra, 'VEINTITRÉS PESOS 20/100 M.N.');
    assert.equal(draft.Moneda, 'USD');
    assert.equal(draft.TipoCambio, '17.5');
    assert.equal(printed.referencia, 'REF');
    assert.deepEqual(printed.notas, ['n1', 'n2', 'n3']);
    assert.equal(draft.TipoDeComprobante, 'E');
    assert.equal(draft.MetodoPago, 'PPD');
    assert.equal(draft.LugarExpedicion, undefined, 'LugarExpedicion is the sucursal\'s, set by the service');
    assert.equal(draft.Confirmacion, 'ABC12');
    assert.equal(draft.FormaPago, '99');
    assert.equal(draft.CondicionesDePago, '30 días');
    assert.equal(draft.Exportacion, '02');
    assert.deepEqual(draft.Emisor, { FacAtrAdquirente: '0123456789' });
  });

  test('01: empty values stay undefined (computed later), Fecha included', async () => {
    const { draft } = await draftOf(doc40());
    for (const k of ['Serie', 'Folio', 'Fecha', 'SubTotal', 'Total', 'Descuento', 'TipoCambio', 'Impuestos', 'Emisor'] as const) {
      assert.equal(draft[k], undefined, k);
    }
  });

  test('01: compact dates are expanded', async () => {
    const { draft } = await draftOf([R00, R01({ 4: '20140630T00:00:00' }), R03, R05].join('\n'));
    assert.equal(draft.Fecha, '2014-06-30T00:00:00');
  });

  test('02/02A: groups by key, keyless 02A joins the 02 above', async () => {
    const { draft } = await draftOf(
      doc40(
        '02|A|01|',
        '02A|A|5fb2822e-396d-4725-8521-cdc4bdd20ccf|',
        '02A||11111111-2222-3333-4444-555555555555|',
        '02|B|04|',
        '02A|A|AAAAAAAA-2222-3333-4444-555555555555|',
        '02A|B|BBBBBBBB-2222-3333-4444-555555555555|',
      ),
    );
    assert.deepEqual(draft.CfdiRelacionados, [
      {
        TipoRelacion: '01',
        CfdiRelacionado: [
          { UUID: '5FB2822E-396D-4725-8521-CDC4BDD20CCF' },
          { UUID: '11111111-2222-3333-4444-555555555555' },
          { UUID: 'AAAAAAAA-2222-3333-4444-555555555555' },
        ],
      },
      { TipoRelacion: '04', CfdiRelacionado: [{ UUID: 'BBBBBBBB-2222-3333-4444-555555555555' }] },
    ]);
  });

  test('03: receptor fields and the printed address', async () => {
    const line = '03|CLI9|ure180429tm6|UNIVERSIDAD ROBOTICA ESPAÑOLA|MÉXICO|AV. UNO|10|B|CENTRO|VILLAHERMOSA|ESQ. DOS|CENTRO|TABASCO|86991|USA|123456789|CP01|601|';
    const { draft, printed } = await draftOf([R00, R01(), line, R05].join('\n'));
    assert.deepEqual(draft.Receptor, {
      Rfc: 'URE180429TM6',
      Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'CP01',
      ResidenciaFiscal: 'USA',
      NumRegIdTrib: '123456789',
    });
    assert.deepEqual(printed.domicilioReceptor, {
      pais: 'MÉXICO', calle: 'AV. UNO', noExterior: '10', noInterior: 'B', colonia: 'CENTRO', localidad: 'VILLAHERMOSA',
      referencia: 'ESQ. DOS', municipio: 'CENTRO', estado: 'TABASCO', codigoPostal: '86991',
    });
  });

  test('05: concept fields; Importe empty stays undefined', async () => {
    const { draft } = await draftOf(doc40('05|43211503|LAP|1.5|Laptop|100.123456|150.18|Pieza|H87|5.00|2|01|'));
    assert.equal(draft.Conceptos.length, 2);
    const c = draft.Conceptos[1];
    assert.deepEqual(c, {
      ClaveProdServ: '43211503', NoIdentificacion: 'LAP', Cantidad: '1.5', Descripcion: 'Laptop', ValorUnitario: '100.123456',
      Importe: '150.18', Unidad: 'Pieza', ClaveUnidad: 'H87', Descuento: '5.00', ObjetoImp: '01',
      InformacionAduanera: [], CuentaPredial: [], Parte: [],
    });
    assert.equal(draft.Conceptos[0].Importe, undefined);
  });

  test('05C/05D: by key or keyless (the 05 above); names, codes and percentages normalised', async () => {
    const { draft } = await draftOf(
      doc40(
        '05C|1|20.00|IVA|Tasa|16.00|3.20|',
        '05D||20.00|isr|tasa|10|2.00|',
        '05D|1||002|Tasa|0.106667||',
        '05|01010101|P-2|1|Otra|5.00|||H87||2|02|',
        '05C|2||IEPS|Cuota|1.5||',
        '05C|||IVA|Exento|||',
      ),
    );
    assert.deepEqual(draft.Conceptos[0].Impuestos, {
      Traslados: [{ Base: '20.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '3.20' }],
      Retenciones: [
        { Base: '20.00', Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000', Importe: '2.00' },
        { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' },
      ],
    });
    assert.deepEqual(draft.Conceptos[1].Impuestos, {
      Traslados: [
        { Impuesto: '003', TipoFactor: 'Cuota', TasaOCuota: '1.500000' },
        { Impuesto: '002', TipoFactor: 'Exento' },
      ],
      Retenciones: [],
    });
  });

  test('05A/05P/05T: customs, property account and third party', async () => {
    const { draft } = await draftOf(
      doc40('05A|1|21  47  3807  8003832|', '05P|1|15956011002|', '05T|1|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|601|86991|'),
    );
    const c = draft.Conceptos[0];
    assert.deepEqual(c.InformacionAduanera, [{ NumeroPedimento: '21  47  3807  8003832' }]);
    assert.deepEqual(c.CuentaPredial, [{ Numero: '15956011002' }]);
    assert.deepEqual(c.ACuentaTerceros, {
      RfcACuentaTerceros: 'URE180429TM6',
      NombreACuentaTerceros: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      RegimenFiscalACuentaTerceros: '601',
      DomicilioFiscalACuentaTerceros: '86991',
    });
  });

  test('06/07: declared document taxes kept as declared', async () => {
    const { draft } = await draftOf(doc40('06|IVA|16|3.20|Tasa|20.00|', '06|002|||Exento|5.00|', '07|ISR|2.00|', '07|IVA||'));
    assert.deepEqual(draft.Impuestos, {
      Traslados: [
        { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '3.20', Base: '20.00' },
        { Impuesto: '002', TipoFactor: 'Exento', Base: '5.00' },
      ],
      Retenciones: [{ Impuesto: '001', Importe: '2.00' }, { Impuesto: '002' }],
    });
  });

  test('08: InformacionGlobal', async () => {
    const { draft } = await draftOf(doc40('08|01|05|2026|'));
    assert.deepEqual(draft.InformacionGlobal, { Periodicidad: '01', Meses: '05', Año: '2026' });
  });

  test('09: e-mail delivery goes to printed.envio', async () => {
    const { printed } = await draftOf(doc40('09|CLI1|a@x.mx; b@y.mx|Su factura|Gracias|0|'));
    assert.deepEqual(printed.envio, { receptor: 'CLI1', direcciones: ['a@x.mx', 'b@y.mx'], asunto: 'Su factura', mensaje: 'Gracias', adjuntar: false });
  });

  test('09: empty addresses take the directory e-mail', async () => {
    const directory = memoryDirectory([{ clave: 'CLI1', rfc: 'MCI7306249Y1', email: 'pagos@x.mx;otro@x.mx' }]);
    const { printed } = await draftOf(doc40('09|||||'), testContext({ directory }));
    assert.deepEqual(printed.envio?.direcciones, ['pagos@x.mx', 'otro@x.mx']);
    assert.equal(printed.envio?.adjuntar, true);
  });

  test('99: a right line count is accepted', async () => {
    await draftOf(doc40('99|5|'));
  });
});

describe('xsa syntax', () => {
  test('optional leading/trailing pipes, CRLF, blank lines, BOM, spaces around fields', async () => {
    const a = await draftOf(doc40());
    const variants = [
      [R00, R01(), R03, R05].map((l) => '|' + l).join('\r\n'),
      [R00, R01(), R03, R05].map((l) => l.slice(0, -1)).join('\n'),
      '\ufeff' + [R00, '', R01(), '   ', R03, R05, ''].join('\r\n'),
      [R00, R01(), R03, '05| 01010101 |P-1| 2 |Cosa| 10.00 ||Pieza|H87||1|02|'].join('\n'),
    ];
    for (const v of variants) assert.deepEqual((await draftOf(v)).draft, a.draft, JSON.stringify(v.slice(0, 40)));
  });

  test('a trailing empty field beyond the record is tolerated (the seed writes `||`)', async () => {
    await draftOf(doc40('08|01|05|2026||'));
  });

  test('record IDs are case-insensitive', async () => {
    const { draft } = await draftOf(doc40('05c|1||IVA|Tasa|16||'));
    assert.equal(draft.Conceptos[0].Impuestos?.Traslados[0].TasaOCuota, '0.160000');
  });
});

describe('xsa errors: every one, with line, record, field and value', () => {
  const cases: Array<{ name: string; text: string; code: string; message: string; field?: number }> = [
    { name: 'not a number', text: doc40('05|01010101||dos|Cosa|10|||H87||2|02|'), code: 'LAYOUT_NUMERO', field: 3, message: 'Línea 5 (05), campo 3 Cantidad: "dos" no es un número' },
    { name: 'thousands separator', text: doc40('05|01010101||1|Cosa|1,000.00|||H87||2|02|'), code: 'LAYOUT_NUMERO', field: 5, message: 'Línea 5 (05), campo 5 ValorUnitario: "1,000.00" no es un número' },
    { name: 'bad date', text: [R00, R01({ 4: '2026-02-30T10:00:00' }), R03, R05].join('\n'), code: 'LAYOUT_FECHA', field: 4, message: 'Línea 2 (01), campo 4 Fecha: "2026-02-30T10:00:00" no es una fecha válida' },
    { name: 'date shape', text: [R00, R01({ 4: '30/06/2014' }), R03, R05].join('\n'), code: 'LAYOUT_FECHA', field: 4, message: 'Línea 2 (01), campo 4 Fecha: "30/06/2014" no es una fecha AAAA-MM-DDThh:mm:ss' },
    { name: 'unknown record', text: doc40('05X|1|'), code: 'LAYOUT_REGISTRO_DESCONOCIDO', message: 'Línea 5 (05X): registro desconocido' },
    { name: 'too many fields', text: doc40('08|01|05|2026|extra|'), code: 'LAYOUT_CAMPOS', message: 'Línea 5 (08): el registro 08 (información global) lleva 3 campos y tiene 4' },
    { name: 'too few fields', text: doc40('05|01010101||1|'), code: 'LAYOUT_CAMPOS', message: 'Línea 5 (05): el registro 05 (concepto) lleva de 5 a 11 campos y tiene 3' },
    { name: 'required empty', text: doc40('05|01010101|||Cosa|10|||H87||2|02|'), code: 'LAYOUT_REQUERIDO', field: 3, message: 'Línea 5 (05), campo 3 Cantidad: es obligatorio' },
    { name: 'unknown tax', text: doc40('05C|1||IVX|Tasa|16||'), code: 'LAYOUT_VALOR', field: 3, message: 'Línea 5 (05C), campo 3 Impuesto: "IVX" no es un impuesto' },
    { name: 'unknown TipoFactor', text: doc40('05C|1||IVA|Tasita|16||'), code: 'LAYOUT_VALOR', field: 4, message: 'Línea 5 (05C), campo 4 TipoFactor: "Tasita" no es un TipoFactor' },
    { name: 'Tasa without rate', text: doc40('05C|1||IVA|Tasa|||'), code: 'LAYOUT_REQUERIDO', field: 5, message: 'Línea 5 (05C), campo 5 TasaOCuota: es obligatorio con TipoFactor Tasa' },
    { name: 'retention without rate', text: doc40('05D|1||ISR|Tasa|||'), code: 'LAYOUT_REQUERIDO', field: 5, message: 'Línea 5 (05D), campo 5 TasaOCuota: es obligatorio en una retención' },
    { name: 'bad UUID', text: doc40('02|A|01|', '02A|A|no-es-uuid|'), code: 'LAYOUT_VALOR', field: 2, message: 'Línea 6 (02A), campo 2 UUID: "no-es-uuid" no es un UUID' },
    { name: 'bad flag', text: doc40('09|||||si|'), code: 'LAYOUT_VALOR', field: 5, message: 'Línea 5 (09), campo 5 Adjuntar: "si" debe ser 1 o 0' },
    { name: 'duplicate concept key', text: doc40('05|01010101||1|Otra|1|||H87||1|02|'), code: 'LAYOUT_CLAVE_DUPLICADA', field: 10, message: 'Línea 5 (05), campo 10 ClaveConcepto: "1" ya es la clave del concepto de la línea 4' },
    { name: 'duplicate group key', text: doc40('02|A|01|', '02|A|04|'), code: 'LAYOUT_CLAVE_DUPLICADA', field: 1, message: 'Línea 6 (02), campo 1 ClaveGrupo: "A" ya es la clave de otro grupo' },
    { name: 'dangling concept key', text: doc40('05C|9||IVA|Tasa|16||'), code: 'LAYOUT_CLAVE_HUERFANA', field: 1, message: 'Línea 5 (05C), campo 1 ClaveConcepto: "9" no es la clave de ningún concepto' },
    { name: '05C without its 05', text: [R00, R01(), R03, '05C|||IVA|Tasa|16||', R05].join('\n'), code: 'LAYOUT_CLAVE_HUERFANA', field: 1, message: 'Línea 4 (05C), campo 1 ClaveConcepto: no hay un registro 05 antes de este registro 05C' },
    { name: 'dangling group key', text: doc40('02A|Z|5FB2822E-396D-4725-8521-CDC4BDD20CCF|'), code: 'LAYOUT_CLAVE_HUERFANA', field: 1, message: 'Línea 5 (02A), campo 1 ClaveGrupo: "Z" no es la clave de ningún registro 02' },
    { name: 'missing 03', text: [R00, R01(), R05].join('\n'), code: 'LAYOUT_FALTA_03', message: 'Documento: falta el registro 03 (receptor)' },
    { name: 'missing 05', text: [R00, R01(), R03].join('\n'), code: 'LAYOUT_FALTA_05', message: 'Documento: falta el registro 05 (al menos un concepto)' },
    { name: 'missing 01', text: [R00, R03, R05].join('\n'), code: 'LAYOUT_FALTA_01', message: 'Documento: falta el registro 01 (comprobante)' },
    { name: 'missing 00', text: [R01(), R03, R05, '05C|1||IVA|Tasa|16||'].join('\n'), code: 'LAYOUT_FALTA_00', message: 'Documento: falta el registro 00 (encabezado)' },
    { name: 'wrong trailer', text: doc40('99|4|'), code: 'LAYOUT_TRAILER', field: 1, message: 'Línea 5 (99), campo 1 NumeroLineas: "4" no es el número de líneas del documento (5)' },
    { name: '99 not last', text: doc40('99|6|', '08|01|05|2026|'), code: 'LAYOUT_ORDEN', message: 'Línea 5 (99): el registro 99 debe ser el último' },
    { name: '00 not first', text: [R01(), R00, R03, R05].join('\n'), code: 'LAYOUT_ORDEN', message: 'Línea 2 (00): el registro 00 debe ser el primero' },
    { name: 'repeated 03', text: doc40(R03), code: 'LAYOUT_ORDEN', message: 'Línea 5 (03): el registro 03 (receptor) ya apareció en la línea 3' },
    { name: 'unknown version', text: ['00|ref|FAC|3.3|', R01(), R03, R05].join('\n'), code: 'LAYOUT_VERSION', field: 3, message: 'Línea 1 (00), campo 3 Version: "3.3" no es una versión' },
    { name: 'empty', text: '', code: 'LAYOUT_VACIO', message: 'Documento: no tiene registros' },
    { name: 'huge field', text: doc40('05|01010101||1|' + 'x'.repeat(5000) + '|1|||H87||2|02|'), code: 'LAYOUT_LONGITUD', field: 4, message: 'Línea 5 (05), campo 4 Descripcion: "xxx' },
    { name: 'control character', text: doc40('05|01010101||1|Co\u0001sa|1|||H87||2|02|'), code: 'LAYOUT_CARACTER', field: 4, message: 'Línea 5 (05), campo 4 Descripcion: "Co\\u0001sa" contiene el carácter U+0001 (de control), que un CFDI no puede llevar' },
    { name: 'U+FFFF in a code', text: doc40('05|0101\uFFFF0101||1|Cosa|1|||H87||2|02|'), code: 'LAYOUT_CARACTER', field: 1, message: 'Línea 5 (05), campo 1 ClaveProdServ: "0101\uFFFF0101" contiene el carácter U+FFFF (no es un carácter)' },
    { name: 'missing value everywhere', text: [R00, R01(), '03|CLI1|MCI7306249Y1|MUNICIPIO||||||||||54700|||G03||', R05].join('\n'), code: 'LAYOUT_SIN_VALOR', field: 17, message: 'Línea 3 (03), campo 17 RegimenFiscalReceptor: falta RegimenFiscalReceptor y no está en el documento, el directorio ni los valores del tipo de CFD' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const errors = await errorsOf(c.text);
      const e = errors.find((x) => x.code === c.code);
      assert.ok(e, `no ${c.code} among ${JSON.stringify(errors.map((x) => x.message))}`);
      assert.ok(e.message.startsWith(c.message), `${e.message}\n  does not start with\n${c.message}`);
      if (c.field !== undefined) {
        assert.equal(e.field, c.field);
        assert.ok(e.fieldName);
      }
      const line = /^Línea (\d+) \(([0-9A-Z]+)\)/.exec(c.message);
      if (line) {
        assert.equal(e.line, Number(line[1]));
        assert.equal(e.record, line[2]);
      }
    });
  }

  test('all errors of a document at once, in document order', async () => {
    const errors = await errorsOf(
      [R00, R01({ 4: 'ayer' }), R03, '05|01010101||dos|Cosa|diez|||H87||1|02|', '05C|7||IVA|Tasa|16||', '99|9|'].join('\n'),
    );
    assert.deepEqual(
      errors.map((e) => [e.code, e.line, e.field]),
      [
        ['LAYOUT_FECHA', 2, 4],
        ['LAYOUT_NUMERO', 4, 3],
        ['LAYOUT_NUMERO', 4, 5],
        ['LAYOUT_TRAILER', 6, 1],
        ['LAYOUT_CLAVE_HUERFANA', 5, 1],
      ],
    );
  });

  test('a garbage upload is capped at 1,000 errors plus one that counts the rest', async () => {
    const errors = await errorsOf(Array.from({ length: 3000 }, (_, i) => `ZZ|${i}|`).join('\n'));
    assert.equal(errors.length, 1001);
    assert.equal(errors[1000].code, 'LAYOUT_DEMASIADOS_ERRORES');
    assert.match(errors[1000].message, /se omiten 2004 errores/);
  });

  test('every error code used is registered (http 400, not retryable)', async () => {
    const { ERRORS } = await import('../../shared/errors.ts');
    for (const c of cases) {
      const def = (ERRORS as Record<string, { http: number; retryable: boolean }>)[c.code];
      assert.ok(def, c.code);
      assert.equal(def.http, 400);
      assert.equal(def.retryable, false);
    }
  });
});

describe('xsa values from directories and tipo defaults', () => {
  const defaults: TipoDefaults = {
    ...bareDefaults,
    UsoCFDI: 'G03',
    RegimenFiscalReceptor: '601',
    ClaveProdServ: '01010101',
    ClaveUnidad: 'H87',
    ObjetoImp: '02',
    MetodoPago: 'PUE',
    FormaPago: '99',
    taxProfile: { traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], retenciones: [] },
    unidades: { KG: 'KGM' },
  };
  const bare03 = '03|CLI1|||||||||||||||';
  const bare05 = (code: string, unidad = '', desc = '') => `05||${code}|1|${desc}|10.00||${unidad}||||`;

  test('order: document, then directory (identifier, then RFC), then tipo default', async () => {
    const directory = memoryDirectory(
      [{ clave: 'OTRO', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', domicilioFiscal: '86991', usoCfdi: 'CP01' }],
      [{ codigo: 'P-9', claveProdServ: '43211503', claveUnidad: 'H87', descripcion: 'Laptop', objetoImp: '01' }],
    );
    const text = [R00, R01(), '03|CLI1|URE180429TM6||||||||||||||G01||', bare05('P-9'), bare05('P-0', 'kg', 'Harina')].join('\n');
    const { draft } = await draftOf(text, testContext({ directory, defaults }));
    assert.deepEqual(directory.calls.slice(0, 2), ['receptor:CLI1', 'receptor:URE180429TM6']);
    assert.deepEqual(draft.Receptor, {
      Rfc: 'URE180429TM6', Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601', // default: the directory has none
      UsoCFDI: 'G01', // document beats directory's CP01
    });
    const [a, b] = draft.Conceptos;
    assert.equal(a.ClaveProdServ, '43211503');
    assert.equal(a.Descripcion, 'Laptop');
    assert.equal(a.ObjetoImp, '01');
    assert.equal(a.Impuestos, undefined, 'ObjetoImp 01 takes no profile');
    assert.equal(b.ClaveProdServ, '01010101');
    assert.equal(b.ClaveUnidad, 'KGM', 'Unidad map before the ClaveUnidad default');
    assert.deepEqual(b.Impuestos, { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [] });
    assert.equal(draft.MetodoPago, 'PUE');
    assert.equal(draft.FormaPago, '99');
  });

  test('a directory that looks everything up at once is asked once per document (receptor keys and codes, each once), and nothing else', async () => {
    const productos = [{ codigo: 'P-9', claveProdServ: '43211503', claveUnidad: 'H87', descripcion: 'Laptop', objetoImp: '01' }];
    const receptores = [{ clave: 'CLI1', rfc: 'MCI7306249Y1', nombre: 'M', domicilioFiscal: '54700' }];
    const text = [R00, R01(), bare03, bare05('P-9'), bare05('P-0', 'kg', 'Harina'), bare05('P-9')].join('\n');
    const one = memoryDirectory(receptores, productos);
    const many = memoryDirectory(receptores, productos, { batched: true });
    const a = await draftOf(text, testContext({ directory: one, defaults }));
    const b = await draftOf(text, testContext({ directory: many, defaults }));
    assert.deepEqual(b.draft, a.draft);
    assert.equal(b.draft.Receptor.Nombre, 'M', 'the receptor came from the one look');
    assert.deepEqual(many.calls, ['lookUp:CLI1|P-9,P-0']);
    assert.deepEqual(one.calls, ['receptor:CLI1', 'producto:P-9', 'producto:P-0']);
  });

  test('one look asks for the identifier and the RFC: unknown identifier, the receptor by RFC', async () => {
    const receptores = [{ clave: 'X', rfc: 'MCI7306249Y1', nombre: 'MUNICIPIO', domicilioFiscal: '54700', regimenFiscal: '603' }];
    const text = [R00, R01(), '03|NOPE|MCI7306249Y1|||||||||||||||', R05].join('\n');
    const a = await draftOf(text, testContext({ directory: memoryDirectory(receptores), defaults }));
    const many = memoryDirectory(receptores, [], { batched: true });
    const b = await draftOf(text, testContext({ directory: many, defaults }));
    assert.deepEqual(b.draft, a.draft);
    assert.equal(b.draft.Receptor.Nombre, 'MUNICIPIO');
    assert.equal(many.calls.length, 1);
    assert.match(many.calls[0], /^lookUp:NOPE,MCI7306249Y1\|/);
  });

  test('the product tax profile beats the tipo profile; explicit 05C beats both', async () => {
    const directory = memoryDirectory(
      [{ clave: 'CLI1', rfc: 'MCI7306249Y1', nombre: 'M', domicilioFiscal: '54700' }],
      [{ codigo: 'EXE', taxProfile: { traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }], retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }] } }],
    );
    const text = [R00, R01(), bare03, bare05('EXE').replace('|1||', '|1|Libro|'), '05||EXE|1|Libro|10.00|||||k|', '05C|k||IVA|Tasa|8||'].join('\n');
    const { draft } = await draftOf(text, testContext({ directory, defaults }));
    assert.deepEqual(draft.Conceptos[0].Impuestos, {
      Traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }],
      Retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }],
    });
    assert.deepEqual(draft.Conceptos[1].Impuestos, { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.080000' }], Retenciones: [] });
  });

  test('the receptor found by RFC when the identifier is unknown', async () => {
    const directory = memoryDirectory([{ clave: 'X', rfc: 'MCI7306249Y1', nombre: 'MUNICIPIO', domicilioFiscal: '54700', regimenFiscal: '603' }]);
    const text = [R00, R01(), '03|NOPE|MCI7306249Y1|||||||||||||||', R05].join('\n');
    const { draft } = await draftOf(text, testContext({ directory, defaults }));
    assert.equal(draft.Receptor.RegimenFiscalReceptor, '603');
    assert.equal(draft.Receptor.Nombre, 'MUNICIPIO');
  });

  test('T and P get no FormaPago/MetodoPago defaults', async () => {
    const { draft } = await draftOf([R00, R01({ 18: 'T' }), R03, R05].join('\n'), testContext({ defaults }));
    assert.equal(draft.FormaPago, undefined);
    assert.equal(draft.MetodoPago, undefined);
  });

  test('a value missing everywhere is reported where the client would write it', async () => {
    const errors = await errorsOf([R00, R01(), bare03, bare05('P')].join('\n'));
    const by = errors.map((e) => `${e.line}:${e.field ?? '-'}:${e.fieldName}`);
    assert.deepEqual(by, [
      '3:2:Rfc', '3:3:Nombre', '3:13:DomicilioFiscalReceptor', '3:17:RegimenFiscalReceptor', '3:16:UsoCFDI',
      '4:1:ClaveProdServ', '4:8:ClaveUnidad', '4:4:Descripcion', '4:11:ObjetoImp',
    ]);
    assert.ok(errors.every((e) => e.code === 'LAYOUT_SIN_VALOR'));
  });

  test('a broken document does not touch the directories', async () => {
    const directory = memoryDirectory();
    await errorsOf(doc40('05|x|'), testContext({ directory }));
    assert.deepEqual(directory.calls, []);
  });
});

describe('xsa legacy', () => {
  const ctx = () => testContext({ defaults: legacyFacturaDefaults });

  test('the seed example parses as legacy with its declared values (CFDI40108 comes later, from the rules)', async () => {
    const { draft, printed } = await draftOf(example('seed-example.txt'), ctx());
    assert.equal(draft.SubTotal, '99.09');
    assert.equal(draft.Total, '9999.09');
    assert.equal(draft.Descuento, '9999.009');
    assert.equal(draft.Moneda, 'USD');
    assert.equal(draft.TipoCambio, '12.5014');
    assert.equal(draft.Fecha, '2014-06-30T00:00:00');
    assert.equal(draft.MetodoPago, 'PUE');
    assert.equal(draft.FormaPago, '02', 'CHEQUE');
    assert.equal(draft.CondicionesDePago, '10% DE INTERÉS SI NO SE PAGA ANTES DEL 05-AGOSTO-2010');
    assert.equal(draft.Serie, undefined);
    assert.equal(draft.Folio, undefined);
    assert.deepEqual(draft.Receptor, { Rfc: 'AAA010101AAA', Nombre: 'PATITO, S.A. DE C.V.', DomicilioFiscalReceptor: '06860', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' });
    assert.deepEqual(draft.Conceptos.map((c) => [c.NoIdentificacion, c.Cantidad, c.ValorUnitario, c.Importe, c.Unidad, c.ClaveUnidad, c.ClaveProdServ, c.ObjetoImp]), [
      ['405010', '3', '150.00', '450.00', 'PZA', 'H87', '01010101', '02'],
      ['405011', '1', '2368231872779.000009', '884346835174.000009', 'PZA', 'H87', '01010101', '02'],
      ['405012', '10', '39.00', '390.00', 'KG', 'KGM', '01010101', '02'],
      ['405013', '1', '378.00', '378.00', 'PZA', 'H87', '01010101', '02'],
    ]);
    // The 06 rate (given twice, applied once) becomes each concept's traslado; amounts are computed later.
    for (const c of draft.Conceptos) {
      assert.deepEqual(c.Impuestos, { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [] });
    }
    assert.deepEqual(draft.Impuestos, {
      Traslados: [
        { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '9.09' },
        { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '999999.09' },
      ],
      Retenciones: [{ Impuesto: '002', Importe: '58.58' }, { Impuesto: '002', Importe: '58.58' }],
    });
    assert.deepEqual(draft.Conceptos[0].InformacionAduanera, [{ NumeroPedimento: '548984124578124' }]);
    assert.deepEqual(draft.Conceptos[1].InformacionAduanera, [{ NumeroPedimento: '654651456987452' }]);
    assert.equal(printed.referenciaCliente, 'idcfd');
    assert.equal(printed.tipoCfd, 'FAC');
    assert.match(printed.totalConLetra ?? '', /^Noventa y nueve billones .* 90\/10000000$/);
    assert.deepEqual(printed.notas, ['Primera Observación', 'Segunda Observación', 'Tercera Observación']);
    assert.equal(printed.formaDePagoTexto, 'PAGO EN UNA SOLA EXHIBICIÓN');
    assert.equal(printed.metodoDePagoTexto, 'CHEQUE');
    assert.equal(printed.fechaVencimiento, '2010-08-05');
    assert.equal(printed.leyenda, 'EFECTOS FISCALES AL PAGO');
    assert.equal(printed.domicilioReceptor?.calle, 'AVENIDA CALLE');
    assert.equal(printed.domicilioReceptor?.telefono, '4424876399');
    assert.deepEqual(printed.conceptos[0], { codigoSecundario: '802011', categoria: 'Categoría 5e', referencia: '205010', aduana: 'APTO INTL DE CIUDAD DE MEXICO', fechaPedimento: '2010-06-29' });
  });

  test('the seed example as the JSON body carries it (one line, \\n escapes decoded by JSON)', async () => {
    const text = example('seed-example.txt');
    const body = JSON.stringify({ archivoFuente: text });
    assert.ok(body.includes('\\n01|1|||20140630T00:00:00|99.09|'));
    const { archivoFuente } = JSON.parse(body) as { archivoFuente: string };
    assert.equal((await draftOf(archivoFuente, ctx())).draft.SubTotal, '99.09');
  });

  test('legacy 02 words → MetodoPago/FormaPago codes', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['PAGO EN UNA SOLA EXHIBICION', 'EFECTIVO', 'PUE', '01'],
      ['Pago en parcialidades', 'Transferencia', 'PPD', '03'],
      ['PAGO EN UNA SOLA EXHIBICIÓN', 'TARJETA DE CRÉDITO', 'PUE', '04'],
      ['PAGO EN UNA SOLA EXHIBICIÓN', 'tarjeta de debito', 'PUE', '28'],
      ['PAGO EN PARCIALIDADES', 'POR DEFINIR', 'PPD', '99'],
      ['PUE', '17', 'PUE', '17'],
    ];
    for (const [forma, medio, metodo, code] of cases) {
      const { draft } = await draftOf(['00|x|FAC|', '01|1|', `02|${forma}||${medio}|`, R03.replace(/\|G03\|603\|$/, '|'), '05|A||1|Cosa|1.00|1.00|PZA|'].join('\n'), ctx());
      assert.equal(draft.MetodoPago, metodo, forma);
      assert.equal(draft.FormaPago, code, medio);
    }
    const errors = await errorsOf(['00|x|FAC|', '01|1|', '02|AL CONTADO||TRUEQUE|', R03.replace(/\|G03\|603\|$/, '|'), '05|A||1|Cosa|1.00|1.00|PZA|'].join('\n'), ctx());
    assert.deepEqual(errors.map((e) => [e.code, e.field]), [['LAYOUT_VALOR', 1], ['LAYOUT_VALOR', 3]]);
  });

  test('legacy 07 selects the matching withholding of the tax profile', async () => {
    const defaults: TipoDefaults = {
      ...legacyFacturaDefaults,
      taxProfile: { traslados: [], retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }, { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' }] },
    };
    const text = ['00|x|FAC|', '01|1|', '03|C|MCI7306249Y1|M||||||||||54700|', '05|A||1|Cosa|1.00|1.00|PZA|', '06|IVA|16|', '07|ISR||'].join('\n');
    const { draft } = await draftOf(text, testContext({ defaults }));
    assert.deepEqual(draft.Conceptos[0].Impuestos, {
      Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }],
      Retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }],
    });
  });

  test('legacy 08 naming a code used by two concepts is ambiguous', async () => {
    const text = ['00|x|FAC|', '01|1|', '03|C|MCI7306249Y1|M||||||||||54700|', '05|A||1|Cosa|1.00|1.00|PZA|', '05|A||2|Cosa|1.00|2.00|PZA|', '08|A|ADUANA|2020-01-01|123||', '08|B||||'].join('\n');
    const errors = await errorsOf(text, ctx());
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['LAYOUT_CLAVE_DUPLICADA', 6], ['LAYOUT_CLAVE_HUERFANA', 7]]);
  });

  test('4.0-only records are unknown in a legacy document', async () => {
    const errors = await errorsOf(example('legacy.txt').replace('|06|', '|05C|x|'), ctx());
    assert.equal(errors[0].code, 'LAYOUT_REGISTRO_DESCONOCIDO');
  });

  test('a pinned version overrides auto-detection; a conflicting 00 is reported', async () => {
    const legacy = example('legacy.txt');
    const r = await parse(legacy, testContext({ version: '4.0', defaults: legacyFacturaDefaults }));
    assert.equal(r.ok, false, 'a legacy 05 read as 4.0 misplaces its fields');
    const errors = await errorsOf(example('ingreso-mxn.txt'), testContext({ version: 'legacy', defaults: legacyFacturaDefaults }));
    assert.ok(errors.some((e) => e.code === 'LAYOUT_VERSION' && e.line === 1 && e.field === 3));
  });
});

describe('examples/', () => {
  const ctx = () => testContext({ defaults: legacyFacturaDefaults });

  test('ingreso-mxn: three concepts, IVA by 05C key and by the tipo profile, Unidad mapped', async () => {
    const { draft } = await draftOf(example('ingreso-mxn.txt'), ctx());
    assert.equal(draft.TipoDeComprobante, 'I');
    assert.equal(draft.Moneda, 'MXN');
    assert.equal(draft.Conceptos.length, 3);
    for (const c of draft.Conceptos) assert.deepEqual(c.Impuestos?.Traslados, [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }]);
    assert.equal(draft.Conceptos[2].ClaveUnidad, 'H87');
    assert.equal(draft.Conceptos[2].Descuento, '35.50');
    assert.equal(draft.SubTotal, undefined, 'totals computed by the service');
  });

  test('usd-retenciones: declared totals consistent with the concepts', async () => {
    const { draft, printed } = await draftOf(example('usd-retenciones.txt'), ctx());
    assert.equal(draft.Moneda, 'USD');
    assert.equal(draft.TipoCambio, '17.2500');
    const c = draft.Conceptos[0];
    assert.deepEqual(c.Impuestos?.Retenciones.map((r) => [r.Impuesto, r.TasaOCuota, r.Importe]), [['001', '0.100000', '100.00'], ['002', '0.106667', '106.67']]);
    // Independent arithmetic on integer cents: SubTotal + traslados − retenciones = Total.
    const cents = (s?: string) => Math.round(Number(s) * 100);
    assert.equal(cents(draft.SubTotal) + cents(draft.Impuestos?.TotalImpuestosTrasladados) - cents(draft.Impuestos?.TotalImpuestosRetenidos), cents(draft.Total));
    assert.equal(cents(draft.Impuestos?.TotalImpuestosRetenidos), draft.Impuestos!.Retenciones.reduce((s, r) => s + cents(r.Importe), 0));
    assert.deepEqual(printed.envio?.direcciones, ['pagos@example.com', 'contabilidad@example.com']);
  });

  test('factura-global: InformacionGlobal and público en general', async () => {
    const { draft } = await draftOf(example('factura-global.txt'), ctx());
    assert.deepEqual(draft.InformacionGlobal, { Periodicidad: '04', Meses: '10', Año: '2026' });
    assert.deepEqual(draft.Receptor, { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' });
    assert.ok(draft.Conceptos.every((c) => c.ClaveProdServ === '01010101' && c.ClaveUnidad === 'ACT' && c.Descripcion === 'Venta'));
  });

  test('nota-credito: E with CfdiRelacionados 01', async () => {
    const { draft } = await draftOf(example('nota-credito.txt'), ctx());
    assert.equal(draft.TipoDeComprobante, 'E');
    assert.deepEqual(draft.CfdiRelacionados, [{ TipoRelacion: '01', CfdiRelacionado: [{ UUID: '5FB2822E-396D-4725-8521-CDC4BDD20CCF' }] }]);
  });

  test('legacy: consistent declared IVA, units mapped, printed customs office', async () => {
    const { draft, printed } = await draftOf(example('legacy.txt'), ctx());
    assert.deepEqual(draft.Conceptos.map((c) => c.ClaveUnidad), ['H87', 'MTR', 'E48']);
    assert.equal(draft.FormaPago, '03');
    const cents = (s?: string) => Math.round(Number(s) * 100);
    const iva = draft.Conceptos.reduce((s, c) => s + Math.round(cents(c.Importe) * 0.16), 0);
    assert.equal(cents(draft.Impuestos?.Traslados[0].Importe), iva);
    assert.equal(printed.conceptos[0].aduana, 'ADUANA DE MANZANILLO');
    assert.deepEqual(draft.Conceptos[0].InformacionAduanera, []);
  });
});

// ── issue 10 (b10), item 5: records the CFDI can hold only once ──
describe('xsa repeated records the CFDI cannot hold', () => {
  const T = '|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|601|86991|';
  const R05b = '05|01010101|P-2|1|Otra|5.00||Pieza|H87||2|02|';
  const cases: Array<{ name: string; text: string; message: string }> = [
    {
      name: 'two 05T for one concept (by key)',
      text: doc40('05T|1' + T, '05T|1|AAA010101AAA|OTRO|601|06600|'),
      message: 'Línea 6 (05T): el concepto de la línea 4 ya tiene un registro 05T en la línea 5; un concepto lleva un solo ACuentaTerceros',
    },
    {
      name: 'two 05T for one concept (keyless, then by key)',
      text: doc40('05T|' + T, R05b, '05T|1' + T),
      message: 'Línea 7 (05T): el concepto de la línea 4 ya tiene un registro 05T en la línea 5',
    },
    {
      name: 'two 06 with the same impuesto, factor and tasa (written differently)',
      text: doc40('06|IVA|16.00|1.60|', '06|002|0.16|1.60|Tasa|'),
      message: 'Línea 6 (06): repite el impuesto trasladado de la línea 5 (002, Tasa, 0.160000); el CFDI lleva un solo traslado por combinación de impuesto, factor y tasa',
    },
    {
      name: 'two 07 with the same impuesto',
      text: doc40('07|ISR|1.00|', '07|001|2.00|'),
      message: 'Línea 6 (07): repite el impuesto retenido de la línea 5 (001); el CFDI lleva una sola retención por impuesto',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const errors = await errorsOf(c.text);
      const e = errors.find((x) => x.code === 'LAYOUT_REPETIDO');
      assert.ok(e, JSON.stringify(errors.map((x) => x.message)));
      assert.ok(e.message.startsWith(c.message), e.message);
      assert.equal(e.line, Number(/^Línea (\d+)/.exec(c.message)![1]));
    });
  }

  test('legacy: repeated 06/07 stay for the SAT rules, as the seed example expects (CFDI40108 first)', async () => {
    const r = await parse(example('seed-example.txt'), testContext({ defaults: legacyFacturaDefaults }));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  });

  test('what the CFDI can hold several times stays accepted', async () => {
    const { draft } = await draftOf(
      doc40(
        '05T|1' + T,
        R05b,
        '05T|2' + T, // one per concept
        '05A|1|21  47  3807  8003832|',
        '05A|1|21  47  3807  8003833|', // InformacionAduanera 0..n
        '05P|1|15956011002|',
        '05P|1|15956011003|', // CuentaPredial 0..n in CFDI 4.0
        '05C|1||IVA|Tasa|16||',
        '05C|1||IEPS|Tasa|8||',
        '06|IVA|16.00||',
        '06|IVA|8.00||', // another rate
        '06|IVA|||Exento|', // IVA Exento is another combination
        '07|ISR||',
        '07|IVA||',
        '02|A|01|',
        '02|B|04|', // CfdiRelacionados 0..n
      ),
    );
    assert.equal(draft.Conceptos[0].ACuentaTerceros?.RfcACuentaTerceros, 'URE180429TM6');
    assert.equal(draft.Conceptos[1].ACuentaTerceros?.RfcACuentaTerceros, 'URE180429TM6');
    assert.equal(draft.Conceptos[0].InformacionAduanera.length, 2);
    assert.equal(draft.Conceptos[0].CuentaPredial.length, 2);
    assert.equal(draft.Impuestos?.Traslados.length, 3);
    assert.equal(draft.Impuestos?.Retenciones.length, 2);
    assert.equal(draft.CfdiRelacionados.length, 2);
  });
});

// ── issue 10 (b10), item 7: lengths in characters ──
describe('xsa field lengths count characters (code points)', () => {
  test('a field of 4,096 characters with emoji is accepted; 4,097 is LAYOUT_LONGITUD', async () => {
    const ok = await draftOf(doc40('05|01010101||1|' + '🎂'.repeat(4096) + '|1|||H87||2|02|'));
    assert.equal(ok.draft.Conceptos[1].Descripcion, '🎂'.repeat(4096));
    const errors = await errorsOf(doc40('05|01010101||1|' + '🎂'.repeat(4097) + '|1|||H87||2|02|'));
    assert.ok(errors.some((e) => e.code === 'LAYOUT_LONGITUD' && e.field === 4), JSON.stringify(errors.map((e) => e.message)));
  });
  test('a long value quoted in a message is cut between characters, never inside one', async () => {
    const errors = await errorsOf(doc40('05|01010101||' + 'x' + '🎂'.repeat(100) + '|Cosa|1|||H87||2|02|'));
    const e = errors.find((x) => x.code === 'LAYOUT_NUMERO')!;
    assert.doesNotMatch(e.message, /\\u[dD][89a-fA-F]/, e.message);
    assert.doesNotMatch(e.value!, /[\uD800-\uDBFF]$/);
  });
});
